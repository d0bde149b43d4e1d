package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API path of {@link PanelGemvKernel}: a panel is read as groups of four vectors; two input
 * rows share each load of the weights, or a lone row reads two groups at once (more loads in
 * flight), with one FMA accumulator per row and vector. A partial last group is stored through a
 * small array; no vector crosses a method call (the JIT would box it). The bias is added
 * afterwards.
 */
final class PanelGemvVector {
  private PanelGemvVector() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int GROUP = 4 * L; // columns of one group of four vectors

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
    for (int m = 0; m + 2 <= M; m += 2) {
      for (int n0 = nStart; n0 < nEnd; n0 += GROUP) {
        two(out, m * N + n0, N, Math.min(GROUP, N - n0), inp, packed, m * K, offset(n0, K), K);
      }
    }
    if (M % 2 == 1) {
      int o = (M - 1) * N;
      int x = (M - 1) * K;
      int n0 = nStart;
      for (; n0 + GROUP < nEnd; n0 += 2 * GROUP) {
        int count = Math.min(GROUP, N - n0 - GROUP);
        oneWide(out, o + n0, count, inp, packed, x, offset(n0, K), offset(n0 + GROUP, K), K);
      }
      if (n0 < nEnd) {
        one(out, o + n0, Math.min(GROUP, N - n0), inp, packed, x, offset(n0, K), K);
      }
    }
    if (bias != null) { // after the sums, as the plain twin does: sum + bias
      for (int m = 0; m < M; m++) {
        for (int n = nStart; n < nEnd; n++) {
          out[m * N + n] += bias[n];
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
   * out[o ..] and out[o + N ..] (count columns each) = rows x and x + K of inp times the group at
   * w0.
   */
  private static void two(
      float[] out, int o, int N, int count, float[] inp, float[] w, int x, int w0, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    FloatVector b0 = FloatVector.zero(S);
    FloatVector b1 = FloatVector.zero(S);
    FloatVector b2 = FloatVector.zero(S);
    FloatVector b3 = FloatVector.zero(S);
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
    float[] t = count < GROUP ? new float[2 * GROUP] : null; // a partial last group goes via t
    float[] dst = t == null ? out : t;
    int d = t == null ? o : 0;
    int e = t == null ? o + N : GROUP;
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
    a2.intoArray(dst, d + 2 * L);
    a3.intoArray(dst, d + 3 * L);
    b0.intoArray(dst, e);
    b1.intoArray(dst, e + L);
    b2.intoArray(dst, e + 2 * L);
    b3.intoArray(dst, e + 3 * L);
    if (t != null) {
      System.arraycopy(t, 0, out, o, count);
      System.arraycopy(t, GROUP, out, o + N, count);
    }
  }

  /**
   * out[o .. o + GROUP + countB) = row x of inp times the groups at wA (all GROUP columns kept) and
   * wB (the first countB kept).
   */
  private static void oneWide(
      float[] out, int o, int countB, float[] inp, float[] w, int x, int wA, int wB, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    FloatVector b0 = FloatVector.zero(S);
    FloatVector b1 = FloatVector.zero(S);
    FloatVector b2 = FloatVector.zero(S);
    FloatVector b3 = FloatVector.zero(S);
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
    float[] t = countB < GROUP ? new float[GROUP] : null; // a partial last group goes via t
    float[] dst = t == null ? out : t;
    int e = t == null ? o + GROUP : 0;
    b0.intoArray(dst, e);
    b1.intoArray(dst, e + L);
    b2.intoArray(dst, e + 2 * L);
    b3.intoArray(dst, e + 3 * L);
    if (t != null) {
      System.arraycopy(t, 0, out, o + GROUP, countB);
    }
  }

  /** out[o .. o + count) = row x of inp times the group at w0. */
  private static void one(
      float[] out, int o, int count, float[] inp, float[] w, int x, int w0, int K) {
    int P = PanelGemvKernel.PANEL;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    for (int k = 0, i = w0; k < K; k++, i += P) {
      FloatVector u = FloatVector.broadcast(S, inp[x + k]);
      a0 = u.fma(FloatVector.fromArray(S, w, i), a0);
      a1 = u.fma(FloatVector.fromArray(S, w, i + L), a1);
      a2 = u.fma(FloatVector.fromArray(S, w, i + 2 * L), a2);
      a3 = u.fma(FloatVector.fromArray(S, w, i + 3 * L), a3);
    }
    float[] t = count < GROUP ? new float[GROUP] : null; // a partial last group goes via t
    float[] dst = t == null ? out : t;
    int d = t == null ? o : 0;
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
    a2.intoArray(dst, d + 2 * L);
    a3.intoArray(dst, d + 3 * L);
    if (t != null) {
      System.arraycopy(t, 0, out, o, count);
    }
  }
}
