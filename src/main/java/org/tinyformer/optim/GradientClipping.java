package org.tinyformer.optim;

import java.util.Collection;
import org.tinyformer.base.Checks;
import org.tinyformer.tensor.Tensor;

/**
 * Gradient utilities over a set of parameters: the global L2 norm, clipping by it (as PyTorch's
 * {@code clip_grad_norm_}) and scaling (for gradient accumulation). Sums run in double, in a fixed
 * order, so the result does not depend on threads.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** sqrt(sum of every gradient element squared); parameters without a gradient count as zero. */
  public static double globalNorm(Collection<Tensor> parameters) {
    double sumOfSquares = 0;
    for (Tensor p : parameters) {
      float[] g = p.grad();
      if (g == null) {
        continue;
      }
      double s = 0;
      for (float x : g) {
        s += (double) x * x;
      }
      sumOfSquares += s;
    }
    return Math.sqrt(sumOfSquares);
  }

  /**
   * Scales the gradients so their global norm is at most {@code maxNorm} ({@code maxNorm <= 0}: no
   * clipping); returns the norm before clipping.
   */
  public static double clip(Collection<Tensor> parameters, float maxNorm) {
    double norm = globalNorm(parameters);
    if (maxNorm > 0 && norm > maxNorm) {
      scale(parameters, (float) (maxNorm / (norm + 1e-6)));
    }
    return norm;
  }

  /** Multiplies every gradient by {@code factor}. */
  public static void scale(Collection<Tensor> parameters, float factor) {
    Checks.check(Float.isFinite(factor), "gradient scale: factor must be finite, got %s", factor);
    for (Tensor p : parameters) {
      float[] g = p.grad();
      if (g == null) {
        continue;
      }
      for (int i = 0; i < g.length; i++) {
        g[i] *= factor;
      }
    }
  }
}
