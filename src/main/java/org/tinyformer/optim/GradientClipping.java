package org.tinyformer.optim;

import java.util.Collection;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Work;
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
    Tensor[] tensors = parameters.toArray(Tensor[]::new);
    double[] sums = new double[tensors.length]; // (parameters) each one's sum of squares
    long total = 0;
    for (Tensor p : tensors) {
      total += p.numel();
    }
    // each parameter's sum in element order on one thread, the sums added in parameter order: the
    // same bits as one thread summing everything, for any thread count
    Parallel.forRange(
        tensors.length,
        total < 2L * Work.MIN_FLOATS ? Math.max(1, tensors.length) : 1,
        (p0, p1) -> {
          for (int i = p0; i < p1; i++) {
            sums[i] = sumOfSquares(tensors[i].grad());
          }
        });
    double sumOfSquares = 0;
    for (double s : sums) {
      sumOfSquares += s;
    }
    return Math.sqrt(sumOfSquares);
  }

  private static double sumOfSquares(float[] g) {
    double s = 0;
    if (g != null) {
      for (float x : g) {
        s += (double) x * x;
      }
    }
    return s;
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
    Tensor[] tensors = parameters.toArray(Tensor[]::new);
    ParameterSegments.of(tensors)
        .forEach(
            (i, from, to) -> {
              float[] g = tensors[i].grad();
              if (g != null) {
                for (int j = from; j < to; j++) {
                  g[j] *= factor;
                }
              }
            });
  }
}
