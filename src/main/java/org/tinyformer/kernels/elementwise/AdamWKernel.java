package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * One AdamW step (Loshchilov and Hutter 2019) with bias correction and decoupled weight decay, in
 * PyTorch's order: {@code p *= 1 - lr wd; p -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps)}; and the
 * squared global norm for gradient clipping. Vector API in parallel, or {@link AdamWPlain}. Usage:
 * {@code AdamWKernel.update(w, dw, m, v, n, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, step)}.
 */
public final class AdamWKernel {
  private AdamWKernel() {}

  /** Updates param, m and v (n) in place from grad (n); step counts from 1. */
  // spotless:off
  public static void update(float[] param, float[] grad, float[] m, float[] v, int n, float lr, float beta1, float beta2, float eps, float weightDecay, int step) {
    String op = "adamw";
    ElementwiseKernel.checkCount(op, n);
    KernelArgs.check(step >= 1, "%s: step must be at least 1, got %d", op, step);
    KernelArgs.check(beta1 >= 0f && beta1 < 1f && beta2 >= 0f && beta2 < 1f, "%s: betas must be in [0, 1), got %s and %s", op, beta1, beta2);
    KernelArgs.floats(op, "param", param, n);
    KernelArgs.floats(op, "grad", grad, n);
    KernelArgs.floats(op, "m", m, n);
    KernelArgs.floats(op, "v", v, n);
    float[] c = constants(lr, beta1, beta2, weightDecay, step);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        n,
        (i0, i1) -> {
          if (vector) {
            AdamWVector.updateRange(param, grad, m, v, beta1, beta2, eps, c, i0, i1);
          } else {
            AdamWPlain.updateRange(param, grad, m, v, beta1, beta2, eps, c, i0, i1);
          }
        });
  }
  // spotless:on

  // spotless:off
  /**
   * {@link #update} of elements [i0, i1) only, on the calling thread: for a caller that runs its own
   * parallel loop over many parameters (each element's result is the same however they are split).
   */
  public static void updateRange(float[] param, float[] grad, float[] m, float[] v, int i0, int i1, float lr, float beta1, float beta2, float eps, float weightDecay, int step) {
    if (step < 1 || !(beta1 >= 0f && beta1 < 1f && beta2 >= 0f && beta2 < 1f)) { // no varargs boxing per call
      update(param, grad, m, v, 0, lr, beta1, beta2, eps, weightDecay, step); // throws update's message
    }
    if (i0 < 0 || i1 < i0 || i1 > param.length || grad.length < i1 || m.length < i1 || v.length < i1) {
      throw new IllegalArgumentException(String.format("adamw: range [%d, %d) is outside param (%d), grad (%d), m (%d) or v (%d)", i0, i1, param.length, grad.length, m.length, v.length));
    }
    float[] c = constants(lr, beta1, beta2, weightDecay, step);
    if (Simd.AVAILABLE) {
      AdamWVector.updateRange(param, grad, m, v, beta1, beta2, eps, c, i0, i1);
    } else {
      AdamWPlain.updateRange(param, grad, m, v, beta1, beta2, eps, c, i0, i1);
    }
  }
  // spotless:on

  /**
   * Sum of x[i]^2 over [0, n): the squared L2 norm. Fixed blocks summed in order in double, so the
   * result does not depend on the thread count.
   */
  public static double sumOfSquares(float[] x, int n) {
    ElementwiseKernel.checkCount("sumOfSquares", n);
    KernelArgs.floats("sumOfSquares", "x", x, n);
    boolean vector = Simd.AVAILABLE;
    int block = Work.elements();
    double[] partial = new double[(n + block - 1) / block]; // (blocks)
    Parallel.forRange(
        partial.length,
        1,
        (b0, b1) -> {
          for (int b = b0; b < b1; b++) {
            int i0 = b * block;
            int i1 = Math.min(n, i0 + block);
            partial[b] =
                vector
                    ? AdamWVector.sumOfSquaresRange(x, i0, i1)
                    : AdamWPlain.sumOfSquaresRange(x, i0, i1);
          }
        });
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }

  /** (decay factor 1 - lr wd, step size lr / bc1, 1 / sqrt(bc2)), computed in double. */
  static float[] constants(float lr, float beta1, float beta2, float weightDecay, int step) {
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    return new float[] {
      (float) (1.0 - (double) lr * weightDecay), (float) (lr / bc1), (float) (1 / Math.sqrt(bc2))
    };
  }
}
