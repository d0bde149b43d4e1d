package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API path of {@link PanelGemvKernel}: a panel is read as groups of four vectors. Rows share
 * each load of the weights in blocks of {@link #ROWS}: four with 32 vector registers (512-bit
 * species: 16 accumulators, 4 weights, a broadcast), two with 16 (256-bit, AVX2: 8 + 4 + 2); a lone
 * row reads two groups at once (more loads in flight). One FMA accumulator per row and vector; a
 * partial last group is stored with lane masks. No vector crosses a method call (the JIT would box
 * it). The bias is added afterwards.
 */
final class PanelGemvVector {
  private PanelGemvVector() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int GROUP = 4 * L; // columns of one group of four vectors

  /** Rows per block, chosen per species at start-up: the register budget, as in the class doc. */
  static final int ROWS = L >= 16 ? 4 : 2;

  /** Whether a panel splits into whole groups (true for 128- to 512-bit vectors). */
  static boolean fits() {
    return PanelGemvKernel.PANEL % GROUP == 0;
  }

  /** Columns from nStart (a multiple of the panel width) to nEnd of out (M, N); then + bias. */
  static void forward(
      float[] out,
      float[] inp,
      float[] packed,
      float[] bias,
      int M,
      int K,
      int N,
      int nStart,
      int nEnd) {
    int m = 0;
    if (ROWS == 4) {
      for (; m + 4 <= M; m += 4) {
        for (int n0 = nStart; n0 < nEnd; n0 += GROUP) {
          four(
              out, m * N + n0, N, Math.min(GROUP, nEnd - n0), inp, packed, m * K, offset(n0, K), K);
        }
      }
    }
    for (; m + 2 <= M; m += 2) {
      for (int n0 = nStart; n0 < nEnd; n0 += GROUP) {
        two(out, m * N + n0, N, Math.min(GROUP, nEnd - n0), inp, packed, m * K, offset(n0, K), K);
      }
    }
    if (m < M) {
      int o = m * N;
      int x = m * K;
      int n0 = nStart;
      for (; n0 + GROUP < nEnd; n0 += 2 * GROUP) {
        int count = Math.min(GROUP, nEnd - n0 - GROUP);
        oneWide(out, o + n0, count, inp, packed, x, offset(n0, K), offset(n0 + GROUP, K), K);
      }
      if (n0 < nEnd) {
        one(out, o + n0, Math.min(GROUP, nEnd - n0), inp, packed, x, offset(n0, K), K);
      }
    }
    if (bias != null) { // after the sums, as the plain twin does: sum + bias
      for (int r = 0; r < M; r++) {
        for (int n = nStart; n < nEnd; n++) {
          out[r * N + n] += bias[n];
        }
      }
    }
  }

  /** Where column n0 (a multiple of GROUP) starts in the packed weight, at k = 0. */
  private static int offset(int n0, int K) {
    int P = PanelGemvKernel.PANEL;
    return n0 / P * K * P + n0 % P;
  }

  /**
   * out[o + r N ..] (count columns each) = rows x + r K of inp times the group at w0, for r < 4.
   */
  private static void four(
      float[] out, int o, int N, int count, float[] inp, float[] w, int x, int w0, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
    FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
    FloatVector b2 = FloatVector.zero(S), b3 = FloatVector.zero(S);
    FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
    FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
    FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
    FloatVector d2 = FloatVector.zero(S), d3 = FloatVector.zero(S);
    for (int k = 0, i = w0; k < K; k++, i += P) {
      FloatVector w0v = FloatVector.fromArray(S, w, i);
      FloatVector w1v = FloatVector.fromArray(S, w, i + L);
      FloatVector w2v = FloatVector.fromArray(S, w, i + 2 * L);
      FloatVector w3v = FloatVector.fromArray(S, w, i + 3 * L);
      FloatVector u = FloatVector.broadcast(S, inp[x + k]);
      a0 = u.fma(w0v, a0);
      a1 = u.fma(w1v, a1);
      a2 = u.fma(w2v, a2);
      a3 = u.fma(w3v, a3);
      u = FloatVector.broadcast(S, inp[x + K + k]);
      b0 = u.fma(w0v, b0);
      b1 = u.fma(w1v, b1);
      b2 = u.fma(w2v, b2);
      b3 = u.fma(w3v, b3);
      u = FloatVector.broadcast(S, inp[x + 2 * K + k]);
      c0 = u.fma(w0v, c0);
      c1 = u.fma(w1v, c1);
      c2 = u.fma(w2v, c2);
      c3 = u.fma(w3v, c3);
      u = FloatVector.broadcast(S, inp[x + 3 * K + k]);
      d0 = u.fma(w0v, d0);
      d1 = u.fma(w1v, d1);
      d2 = u.fma(w2v, d2);
      d3 = u.fma(w3v, d3);
    }
    VectorMask<Float> m0 = S.indexInRange(0, count), m1 = S.indexInRange(L, count);
    VectorMask<Float> m2 = S.indexInRange(2 * L, count), m3 = S.indexInRange(3 * L, count);
    a0.intoArray(out, o, m0);
    a1.intoArray(out, o + L, m1);
    a2.intoArray(out, o + 2 * L, m2);
    a3.intoArray(out, o + 3 * L, m3);
    b0.intoArray(out, o + N, m0);
    b1.intoArray(out, o + N + L, m1);
    b2.intoArray(out, o + N + 2 * L, m2);
    b3.intoArray(out, o + N + 3 * L, m3);
    c0.intoArray(out, o + 2 * N, m0);
    c1.intoArray(out, o + 2 * N + L, m1);
    c2.intoArray(out, o + 2 * N + 2 * L, m2);
    c3.intoArray(out, o + 2 * N + 3 * L, m3);
    d0.intoArray(out, o + 3 * N, m0);
    d1.intoArray(out, o + 3 * N + L, m1);
    d2.intoArray(out, o + 3 * N + 2 * L, m2);
    d3.intoArray(out, o + 3 * N + 3 * L, m3);
  }

  /**
   * out[o ..] and out[o + N ..] (count columns each) = rows x and x + K of inp times the group at
   * w0.
   */
  private static void two(
      float[] out, int o, int N, int count, float[] inp, float[] w, int x, int w0, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
    FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
    FloatVector b2 = FloatVector.zero(S), b3 = FloatVector.zero(S);
    for (int k = 0, i = w0; k < K; k++, i += P) {
      FloatVector w0v = FloatVector.fromArray(S, w, i);
      FloatVector w1v = FloatVector.fromArray(S, w, i + L);
      FloatVector w2v = FloatVector.fromArray(S, w, i + 2 * L);
      FloatVector w3v = FloatVector.fromArray(S, w, i + 3 * L);
      FloatVector u = FloatVector.broadcast(S, inp[x + k]);
      FloatVector v = FloatVector.broadcast(S, inp[x + K + k]);
      a0 = u.fma(w0v, a0);
      a1 = u.fma(w1v, a1);
      a2 = u.fma(w2v, a2);
      a3 = u.fma(w3v, a3);
      b0 = v.fma(w0v, b0);
      b1 = v.fma(w1v, b1);
      b2 = v.fma(w2v, b2);
      b3 = v.fma(w3v, b3);
    }
    VectorMask<Float> m0 = S.indexInRange(0, count), m1 = S.indexInRange(L, count);
    VectorMask<Float> m2 = S.indexInRange(2 * L, count), m3 = S.indexInRange(3 * L, count);
    a0.intoArray(out, o, m0);
    a1.intoArray(out, o + L, m1);
    a2.intoArray(out, o + 2 * L, m2);
    a3.intoArray(out, o + 3 * L, m3);
    b0.intoArray(out, o + N, m0);
    b1.intoArray(out, o + N + L, m1);
    b2.intoArray(out, o + N + 2 * L, m2);
    b3.intoArray(out, o + N + 3 * L, m3);
  }

  /**
   * out[o .. o + GROUP + countB) = row x of inp times the groups at wA (all GROUP columns kept) and
   * wB (the first countB kept).
   */
  private static void oneWide(
      float[] out, int o, int countB, float[] inp, float[] w, int x, int wA, int wB, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
    FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
    FloatVector b2 = FloatVector.zero(S), b3 = FloatVector.zero(S);
    for (int k = 0, i = wA, j = wB; k < K; k++, i += P, j += P) {
      FloatVector u = FloatVector.broadcast(S, inp[x + k]);
      a0 = u.fma(FloatVector.fromArray(S, w, i), a0);
      a1 = u.fma(FloatVector.fromArray(S, w, i + L), a1);
      a2 = u.fma(FloatVector.fromArray(S, w, i + 2 * L), a2);
      a3 = u.fma(FloatVector.fromArray(S, w, i + 3 * L), a3);
      b0 = u.fma(FloatVector.fromArray(S, w, j), b0);
      b1 = u.fma(FloatVector.fromArray(S, w, j + L), b1);
      b2 = u.fma(FloatVector.fromArray(S, w, j + 2 * L), b2);
      b3 = u.fma(FloatVector.fromArray(S, w, j + 3 * L), b3);
    }
    a0.intoArray(out, o);
    a1.intoArray(out, o + L);
    a2.intoArray(out, o + 2 * L);
    a3.intoArray(out, o + 3 * L);
    int e = o + GROUP;
    b0.intoArray(out, e, S.indexInRange(0, countB));
    b1.intoArray(out, e + L, S.indexInRange(L, countB));
    b2.intoArray(out, e + 2 * L, S.indexInRange(2 * L, countB));
    b3.intoArray(out, e + 3 * L, S.indexInRange(3 * L, countB));
  }

  /** out[o .. o + count) = row x of inp times the group at w0. */
  private static void one(
      float[] out, int o, int count, float[] inp, float[] w, int x, int w0, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
    for (int k = 0, i = w0; k < K; k++, i += P) {
      FloatVector u = FloatVector.broadcast(S, inp[x + k]);
      a0 = u.fma(FloatVector.fromArray(S, w, i), a0);
      a1 = u.fma(FloatVector.fromArray(S, w, i + L), a1);
      a2 = u.fma(FloatVector.fromArray(S, w, i + 2 * L), a2);
      a3 = u.fma(FloatVector.fromArray(S, w, i + 3 * L), a3);
    }
    a0.intoArray(out, o, S.indexInRange(0, count));
    a1.intoArray(out, o + L, S.indexInRange(L, count));
    a2.intoArray(out, o + 2 * L, S.indexInRange(2 * L, count));
    a3.intoArray(out, o + 3 * L, S.indexInRange(3 * L, count));
  }
}
