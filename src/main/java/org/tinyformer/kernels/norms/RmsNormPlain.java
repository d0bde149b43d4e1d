package org.tinyformer.kernels.norms;

/**
 * Plain-loop twin of {@link RmsNormKernel}: the test oracle and the fallback without the Vector
 * API. {@code out = inp * rstd * weight} with {@code rstd = 1 / sqrt(mean(inp^2) + eps)}.
 */
public final class RmsNormPlain {
  private RmsNormPlain() {}

  /** Single-threaded {@link RmsNormKernel#forward}, no argument checks. */
  public static void forward(
      float[] out, float[] rstd, float[] inp, float[] weight, int B, int T, int C, float eps) {
    forwardRows(out, rstd, inp, weight, C, eps, 0, B * T);
  }

  /** Single-threaded {@link RmsNormKernel#backward}, no argument checks. */
  public static void backward(
      float[] dinp,
      float[] dweight,
      float[] dout,
      float[] inp,
      float[] weight,
      float[] rstd,
      int B,
      int T,
      int C) {
    if (dinp != null) {
      backwardRows(dinp, dout, inp, weight, rstd, C, 0, B * T);
    }
    if (dweight != null) {
      weightGradColumns(dweight, dout, inp, rstd, B * T, C, 0, C);
    }
  }

  static void forwardRows(
      float[] out, float[] rstd, float[] inp, float[] weight, int C, float eps, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * C; // row (C) of inp and out
      float ss = 0f;
      for (int i = 0; i < C; i++) {
        ss += inp[o + i] * inp[o + i];
      }
      float s = (float) (1.0 / Math.sqrt(ss / C + eps));
      for (int i = 0; i < C; i++) {
        out[o + i] = inp[o + i] * s * weight[i];
      }
      if (rstd != null) {
        rstd[r] = s;
      }
    }
  }

  /** Rows of {@code dinp += rstd * (dnorm - norm * mean(dnorm * norm))}, dnorm = dout * weight. */
  static void backwardRows(
      float[] dinp,
      float[] dout,
      float[] inp,
      float[] weight,
      float[] rstd,
      int C,
      int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * C;
      float s = rstd[r];
      float dnormNormMean = 0f;
      for (int i = 0; i < C; i++) {
        dnormNormMean += weight[i] * dout[o + i] * inp[o + i] * s;
      }
      dnormNormMean /= C;
      for (int i = 0; i < C; i++) {
        float norm = inp[o + i] * s;
        dinp[o + i] += (weight[i] * dout[o + i] - norm * dnormNormMean) * s;
      }
    }
  }

  /** Columns {@code [c0, c1)} of {@code dweight += sum_rows(dout * norm)}. */
  static void weightGradColumns(
      float[] dweight, float[] dout, float[] inp, float[] rstd, int N, int C, int c0, int c1) {
    for (int r = 0; r < N; r++) {
      int o = r * C;
      for (int i = c0; i < c1; i++) {
        dweight[i] += dout[o + i] * inp[o + i] * rstd[r];
      }
    }
  }
}
