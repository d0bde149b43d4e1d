package org.tinyformer.tensor;

import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.norms.LayerNormKernel;
import org.tinyformer.kernels.norms.RmsNormKernel;

/**
 * Layer norm and RMS norm over the last dimension, on {@code kernels.LayerNormKernel} and {@code
 * RmsNormKernel} (llm.c's {@code layernorm_forward/backward}): {@code y = (x - mean) * rstd * w +
 * b} and {@code y = x * rstd * w}, caching mean and rstd per row only when a backward will follow.
 */
final class NormOps {
  private NormOps() {}

  static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
    int C = checkParams("layerNorm", x, weight, bias);
    int rows = x.numel() / C;
    boolean grad = needsGrad(x, weight, bias);
    float[] y = StepArena.floatsToOverwrite(x.numel()); // (..., C)
    float[] mean = grad ? StepArena.floatsToOverwrite(rows) : null; // (rows)
    float[] rstd = grad ? StepArena.floatsToOverwrite(rows) : null; // (rows)
    float[] b = bias == null ? null : bias.data();
    LayerNormKernel.forward(y, mean, rstd, x.data(), weight.data(), b, 1, rows, C, eps);
    Tensor out = Tensor.result("layerNorm", y, x.shape(), x, weight, bias);
    return out.onBackward(
        () -> {
          // dx = rstd * (dnorm - mean(dnorm) - norm * mean(dnorm * norm)), dnorm = dy * w;
          // dw += norm * dy; db += dy
          LayerNormKernel.backward(
              x.requiresGrad() ? x.gradOrZeros() : null,
              weight.requiresGrad() ? weight.gradOrZeros() : null,
              bias != null && bias.requiresGrad() ? bias.gradOrZeros() : null,
              out.grad(),
              x.data(),
              weight.data(),
              mean,
              rstd,
              1,
              rows,
              C);
        });
  }

  static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
    int C = checkParams("rmsNorm", x, weight, null);
    int rows = x.numel() / C;
    float[] y = StepArena.floats(x.numel()); // (..., C)
    float[] rstd = needsGrad(x, weight) ? StepArena.floats(rows) : null; // (rows)
    RmsNormKernel.forward(y, rstd, x.data(), weight.data(), 1, rows, C, eps);
    Tensor out = Tensor.result("rmsNorm", y, x.shape(), x, weight);
    return out.onBackward(
        () -> {
          // dx = rstd * (dnorm - norm * mean(dnorm * norm)), dnorm = dy * w, norm = x * rstd;
          // dw += norm * dy
          RmsNormKernel.backward(
              x.requiresGrad() ? x.gradOrZeros() : null,
              weight.requiresGrad() ? weight.gradOrZeros() : null,
              out.grad(),
              x.data(),
              weight.data(),
              rstd,
              1,
              rows,
              C);
        });
  }

  private static boolean needsGrad(Tensor... inputs) {
    if (!GradMode.isEnabled()) {
      return false;
    }
    for (Tensor t : inputs) {
      if (t != null && t.requiresGrad()) {
        return true;
      }
    }
    return false;
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
