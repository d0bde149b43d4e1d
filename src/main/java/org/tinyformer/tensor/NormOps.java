package org.tinyformer.tensor;

import org.tinyformer.base.Checks;

/**
 * Layer norm and RMS norm over the last dimension (llm.c's {@code layernorm_forward/backward}):
 * {@code y = (x - mean) * rstd * w + b} and {@code y = x * rstd * w}, caching mean and rstd per
 * row.
 */
final class NormOps {
  private NormOps() {}

  static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
    int C = checkParams("layerNorm", x, weight, bias);
    int rows = x.numel() / C;
    float[] xd = x.data();
    float[] w = weight.data();
    float[] b = bias == null ? null : bias.data();
    float[] y = new float[xd.length]; // (..., C)
    float[] mean = new float[rows]; // (rows)
    float[] rstd = new float[rows]; // (rows)
    for (int r = 0; r < rows; r++) {
      int base = r * C;
      double m = 0;
      for (int i = 0; i < C; i++) {
        m += xd[base + i];
      }
      m /= C;
      double v = 0;
      for (int i = 0; i < C; i++) {
        double dev = xd[base + i] - m;
        v += dev * dev;
      }
      float rs = (float) (1.0 / Math.sqrt(v / C + eps));
      mean[r] = (float) m;
      rstd[r] = rs;
      for (int i = 0; i < C; i++) {
        float norm = (xd[base + i] - mean[r]) * rs;
        y[base + i] = norm * w[i] + (b == null ? 0f : b[i]);
      }
    }
    Tensor out = Tensor.result("layerNorm", y, x.shape(), x, weight, bias);
    return out.onBackward(
        () -> {
          // dx = rstd * (dnorm - mean(dnorm) - norm * mean(dnorm * norm)), dnorm = dy * w
          float[] dy = out.grad();
          float[] dx = x.requiresGrad() ? x.gradOrZeros() : null;
          float[] dw = weight.requiresGrad() ? weight.gradOrZeros() : null;
          float[] db = bias != null && bias.requiresGrad() ? bias.gradOrZeros() : null;
          for (int r = 0; r < rows; r++) {
            int base = r * C;
            double dnormMean = 0;
            double dnormNormMean = 0;
            for (int i = 0; i < C; i++) {
              float norm = (xd[base + i] - mean[r]) * rstd[r];
              float dnorm = dy[base + i] * w[i];
              dnormMean += dnorm;
              dnormNormMean += dnorm * norm;
            }
            float dm = (float) (dnormMean / C);
            float dnm = (float) (dnormNormMean / C);
            for (int i = 0; i < C; i++) {
              float norm = (xd[base + i] - mean[r]) * rstd[r];
              if (db != null) {
                db[i] += dy[base + i];
              }
              if (dw != null) {
                dw[i] += norm * dy[base + i];
              }
              if (dx != null) {
                dx[base + i] += rstd[r] * (dy[base + i] * w[i] - dm - norm * dnm);
              }
            }
          }
        });
  }

  static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
    int C = checkParams("rmsNorm", x, weight, null);
    int rows = x.numel() / C;
    float[] xd = x.data();
    float[] w = weight.data();
    float[] y = new float[xd.length]; // (..., C)
    float[] rstd = new float[rows]; // (rows)
    for (int r = 0; r < rows; r++) {
      int base = r * C;
      double ms = 0;
      for (int i = 0; i < C; i++) {
        ms += (double) xd[base + i] * xd[base + i];
      }
      rstd[r] = (float) (1.0 / Math.sqrt(ms / C + eps));
      for (int i = 0; i < C; i++) {
        y[base + i] = xd[base + i] * rstd[r] * w[i];
      }
    }
    Tensor out = Tensor.result("rmsNorm", y, x.shape(), x, weight);
    return out.onBackward(
        () -> {
          // dx = rstd * (dnorm - norm * mean(dnorm * norm)), dnorm = dy * w, norm = x * rstd
          float[] dy = out.grad();
          float[] dx = x.requiresGrad() ? x.gradOrZeros() : null;
          float[] dw = weight.requiresGrad() ? weight.gradOrZeros() : null;
          for (int r = 0; r < rows; r++) {
            int base = r * C;
            double dnormNormMean = 0;
            for (int i = 0; i < C; i++) {
              dnormNormMean += dy[base + i] * w[i] * xd[base + i] * rstd[r];
            }
            float dnm = (float) (dnormNormMean / C);
            for (int i = 0; i < C; i++) {
              float norm = xd[base + i] * rstd[r];
              if (dw != null) {
                dw[i] += norm * dy[base + i];
              }
              if (dx != null) {
                dx[base + i] += rstd[r] * (dy[base + i] * w[i] - norm * dnm);
              }
            }
          }
        });
  }

  private static int checkParams(String op, Tensor x, Tensor weight, Tensor bias) {
    Checks.check(x.rank() >= 1, "%s: input needs at least one dimension, got shape ()", op);
    int C = x.size(-1);
    Checks.check(
        weight.rank() == 1 && weight.size(0) == C,
        "%s: weight must be (%d,) for input %s, got %s",
        op,
        C,
        x.shape(),
        weight.shape());
    Checks.check(
        bias == null || (bias.rank() == 1 && bias.size(0) == C),
        "%s: bias must be (%d,) for input %s, got %s",
        op,
        C,
        x.shape(),
        bias == null ? null : bias.shape());
    return C;
  }
}
