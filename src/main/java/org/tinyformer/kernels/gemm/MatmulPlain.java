package org.tinyformer.kernels.gemm;

import java.util.Arrays;

/**
 * The plain twin of {@link MatmulKernel}: the same linear layer as triple loops, the test oracle.
 */
public final class MatmulPlain {
  private MatmulPlain() {}

  /** out (N, OC) = inp (N, C) · weightᵀ + bias (nullable). */
  public static void forward(
      float[] out, float[] inp, float[] weight, float[] bias, int N, int C, int OC) {
    for (int n = 0; n < N; n++) {
      for (int o = 0; o < OC; o++) {
        float sum = bias == null ? 0f : bias[o];
        for (int c = 0; c < C; c++) {
          sum += inp[n * C + c] * weight[o * C + c];
        }
        out[n * OC + o] = sum;
      }
    }
  }

  /** Writes dinp (N, C), accumulates into dweight (OC, C), dbias (OC); each nullable. */
  public static void backward(
      float[] dinp,
      float[] dweight,
      float[] dbias,
      float[] dout,
      float[] inp,
      float[] weight,
      int N,
      int C,
      int OC) {
    if (dinp != null) {
      Arrays.fill(dinp, 0, N * C, 0f);
    }
    for (int n = 0; n < N; n++) {
      for (int o = 0; o < OC; o++) {
        float d = dout[n * OC + o];
        for (int c = 0; c < C; c++) {
          if (dinp != null) {
            dinp[n * C + c] += weight[o * C + c] * d;
          }
          if (dweight != null) {
            dweight[o * C + c] += inp[n * C + c] * d;
          }
        }
        if (dbias != null) {
          dbias[o] += d;
        }
      }
    }
  }
}
