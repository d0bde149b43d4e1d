package org.tinyformer.kernels.elementwise;

/**
 * Plain-loop twin of {@link AdamWKernel}: the test oracle, the fallback without the Vector API and
 * the scalar tail of the vector loops.
 */
public final class AdamWPlain {
  private AdamWPlain() {}

  /** Single-threaded {@link AdamWKernel#update}, no argument checks. */
  public static void update(
      float[] param,
      float[] grad,
      float[] m,
      float[] v,
      int n,
      float lr,
      float beta1,
      float beta2,
      float eps,
      float weightDecay,
      int step) {
    float[] c = AdamWKernel.constants(lr, beta1, beta2, weightDecay, step);
    updateRange(param, grad, m, v, beta1, beta2, eps, c, 0, n);
  }

  /** Single-threaded {@link AdamWKernel#sumOfSquares}, accumulated in double. */
  public static double sumOfSquares(float[] x, int n) {
    return sumOfSquaresRange(x, 0, n);
  }

  /**
   * Elements [i0, i1); {@code c} holds (decay factor 1 - lr wd, step size lr / bc1, 1 / sqrt(bc2)).
   */
  static void updateRange(
      float[] param,
      float[] grad,
      float[] m,
      float[] v,
      float beta1,
      float beta2,
      float eps,
      float[] c,
      int i0,
      int i1) {
    for (int i = i0; i < i1; i++) {
      float g = grad[i];
      m[i] = beta1 * m[i] + (1f - beta1) * g;
      v[i] = beta2 * v[i] + (1f - beta2) * g * g;
      float denom = (float) Math.sqrt(v[i]) * c[2] + eps;
      param[i] = param[i] * c[0] - c[1] * m[i] / denom;
    }
  }

  static double sumOfSquaresRange(float[] x, int i0, int i1) {
    double s = 0;
    for (int i = i0; i < i1; i++) {
      s += (double) x[i] * x[i];
    }
    return s;
  }
}
