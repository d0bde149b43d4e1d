package org.tinyformer.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API path of {@link PanelGemv}: a panel is read as groups of four vectors; two input rows
 * at a time share each load of the weights (eight FMA accumulators), one broadcast per row and k.
 */
final class PanelGemvVector {
  private PanelGemvVector() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int GROUP = 4 * L; // columns of one group of four vectors

  /** Whether a panel splits into whole groups (true for 128- to 512-bit vectors). */
  static boolean fits() {
    return PanelGemv.PANEL % GROUP == 0;
  }

  static void forward(float[] out, float[] inp, float[] packed, float[] bias, int M, int K, int N) {
    int P = PanelGemv.PANEL;
    for (int n0 = 0; n0 < N; n0 += GROUP) {
      int w = n0 / P * K * P + n0 % P; // first column of this group in its panel
      int m = 0;
      for (; m + 2 <= M; m += 2) {
        two(out, inp, packed, bias, m, w, n0, K, N);
      }
      if (m < M) {
        one(out, inp, packed, bias, m, w, n0, K, N);
      }
    }
  }

  /** Rows m, m + 1 of out, columns n0 .. n0 + GROUP (clipped at N). */
  private static void two(
      float[] out, float[] inp, float[] w, float[] bias, int m, int w0, int n0, int K, int N) {
    int P = PanelGemv.PANEL;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    FloatVector b0 = FloatVector.zero(S);
    FloatVector b1 = FloatVector.zero(S);
    FloatVector b2 = FloatVector.zero(S);
    FloatVector b3 = FloatVector.zero(S);
    int x = m * K;
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
    store(out, m * N, a0, a1, a2, a3, bias, n0, N);
    store(out, (m + 1) * N, b0, b1, b2, b3, bias, n0, N);
  }

  /** Row m of out, columns n0 .. n0 + GROUP (clipped at N). */
  private static void one(
      float[] out, float[] inp, float[] w, float[] bias, int m, int w0, int n0, int K, int N) {
    int P = PanelGemv.PANEL;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    int x = m * K;
    for (int k = 0, i = w0; k < K; k++, i += P) {
      FloatVector u = FloatVector.broadcast(S, inp[x + k]);
      a0 = u.fma(FloatVector.fromArray(S, w, i), a0);
      a1 = u.fma(FloatVector.fromArray(S, w, i + L), a1);
      a2 = u.fma(FloatVector.fromArray(S, w, i + 2 * L), a2);
      a3 = u.fma(FloatVector.fromArray(S, w, i + 3 * L), a3);
    }
    store(out, m * N, a0, a1, a2, a3, bias, n0, N);
  }

  /** out[row + n0 ..] = the four accumulators (+ bias), only the columns below N. */
  private static void store(
      float[] out,
      int row,
      FloatVector a0,
      FloatVector a1,
      FloatVector a2,
      FloatVector a3,
      float[] bias,
      int n0,
      int N) {
    put(out, row, a0, bias, n0, N);
    put(out, row, a1, bias, n0 + L, N);
    put(out, row, a2, bias, n0 + 2 * L, N);
    put(out, row, a3, bias, n0 + 3 * L, N);
  }

  private static void put(float[] out, int row, FloatVector a, float[] bias, int n, int N) {
    if (n + L <= N) {
      if (bias != null) {
        a = a.add(FloatVector.fromArray(S, bias, n));
      }
      a.intoArray(out, row + n);
    } else {
      for (int j = 0; n + j < N; j++) { // tail columns: lane by lane (a mask is slower here)
        out[row + n + j] = bias == null ? a.lane(j) : a.lane(j) + bias[n + j];
      }
    }
  }
}
