package org.tinyformer.kernels.norms;

/**
 * Plain-loop twin of {@link LayerNormKernel}: the test oracle and the fallback without the Vector
 * API. {@code out = (inp - mean) * rstd * weight + bias} over the last dimension C.
 */
public final class LayerNormPlain {
  private LayerNormPlain() {}

  /** Single-threaded {@link LayerNormKernel#forward}, no argument checks. */
  public static void forward(
      float[] out,
      float[] mean,
      float[] rstd,
      float[] inp,
      float[] weight,
      float[] bias,
      int B,
      int T,
      int C,
      float eps) {
    forwardRows(out, mean, rstd, inp, weight, bias, C, eps, 0, B * T);
  }

  /** Single-threaded {@link LayerNormKernel#backward}, no argument checks. */
  public static void backward(
      float[] dinp,
      float[] dweight,
      float[] dbias,
      float[] dout,
      float[] inp,
      float[] weight,
      float[] mean,
      float[] rstd,
      int B,
      int T,
      int C) {
    if (dinp != null) {
      backwardRows(dinp, dout, inp, weight, mean, rstd, C, 0, B * T);
    }
    paramGradColumns(dweight, dbias, dout, inp, mean, rstd, B * T, C, 0, C);
  }

  /** Rows {@code [r0, r1)} of the forward pass; mean and rstd may be null (no backward). */
  static void forwardRows(
      float[] out,
      float[] mean,
      float[] rstd,
      float[] inp,
      float[] weight,
      float[] bias,
      int C,
      float eps,
      int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * C; // row (C) of inp and out
      float m = 0f;
      for (int i = 0; i < C; i++) {
        m += inp[o + i];
      }
      m /= C;
      float v = 0f;
      for (int i = 0; i < C; i++) {
        float d = inp[o + i] - m;
        v += d * d;
      }
      float s = (float) (1.0 / Math.sqrt(v / C + eps));
      for (int i = 0; i < C; i++) {
        float norm = (inp[o + i] - m) * s;
        out[o + i] = norm * weight[i] + (bias == null ? 0f : bias[i]);
      }
      if (mean != null) {
        mean[r] = m;
        rstd[r] = s;
      }
    }
  }

  /**
   * Rows {@code [r0, r1)} of {@code dinp += rstd * (dnorm - mean(dnorm) - norm * mean(dnorm *
   * norm))} where {@code dnorm = dout * weight}.
   */
  static void backwardRows(
      float[] dinp,
      float[] dout,
      float[] inp,
      float[] weight,
      float[] mean,
      float[] rstd,
      int C,
      int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * C;
      float m = mean[r];
      float s = rstd[r];
      float dnormMean = 0f;
      float dnormNormMean = 0f;
      for (int i = 0; i < C; i++) {
        float dnorm = weight[i] * dout[o + i];
        dnormMean += dnorm;
        dnormNormMean += dnorm * (inp[o + i] - m) * s;
      }
      dnormMean /= C;
      dnormNormMean /= C;
      for (int i = 0; i < C; i++) {
        float norm = (inp[o + i] - m) * s;
        float dnorm = weight[i] * dout[o + i];
        dinp[o + i] += (dnorm - dnormMean - norm * dnormNormMean) * s;
      }
    }
  }

  /**
   * Columns {@code [c0, c1)} of {@code dweight += sum_rows(dout * norm)} and {@code dbias +=
   * sum_rows(dout)}; either may be null. Split by columns so threads never share an element.
   */
  static void paramGradColumns(
      float[] dweight,
      float[] dbias,
      float[] dout,
      float[] inp,
      float[] mean,
      float[] rstd,
      int N,
      int C,
      int c0,
      int c1) {
    for (int r = 0; r < N; r++) {
      int o = r * C;
      for (int i = c0; i < c1; i++) {
        if (dweight != null) {
          dweight[i] += dout[o + i] * (inp[o + i] - mean[r]) * rstd[r];
        }
        if (dbias != null) {
          dbias[i] += dout[o + i];
        }
      }
    }
  }
}
