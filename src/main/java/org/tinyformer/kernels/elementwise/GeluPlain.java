package org.tinyformer.kernels.elementwise;

/**
 * Plain-loop twin of {@link GeluKernel}: the test oracle, the fallback without the Vector API and
 * the scalar tail of the vector loops.
 */
public final class GeluPlain {
  private GeluPlain() {}

  private static final float K = (float) Math.sqrt(2.0 / Math.PI);
  private static final float C = 0.044715f;

  /** Single-threaded {@link GeluKernel#forward}, no argument checks. */
  public static void forward(float[] out, float[] inp, int N) {
    forwardRange(out, inp, 0, N);
  }

  /** Single-threaded {@link GeluKernel#forwardWithDerivative}, no argument checks. */
  public static void forwardWithDerivative(float[] out, float[] derivative, float[] inp, int N) {
    forwardWithDerivativeRange(out, derivative, inp, 0, N);
  }

  /** Single-threaded {@link GeluKernel#backward}, no argument checks. */
  public static void backward(float[] dinp, float[] inp, float[] dout, int N) {
    backwardRange(dinp, inp, dout, 0, N);
  }

  static void forwardRange(float[] out, float[] inp, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      float x = inp[i];
      out[i] = 0.5f * x * (1f + (float) Math.tanh(K * (x + C * x * x * x)));
    }
  }

  /** out = gelu(x) and derivative = gelu'(x), x read before derivative is written (may alias). */
  static void forwardWithDerivativeRange(
      float[] out, float[] derivative, float[] inp, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      float x = inp[i];
      float t = (float) Math.tanh(K * (x + C * x * x * x));
      out[i] = 0.5f * x * (1f + t);
      derivative[i] = 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * K * (1f + 3f * C * x * x);
    }
  }

  /**
   * forward was: {@code out = 0.5 x (1 + tanh(u))}, {@code u = k (x + c x^3)}, so {@code dout/dx =
   * 0.5 (1 + tanh u) + 0.5 x (1 - tanh^2 u) k (1 + 3 c x^2)}.
   */
  static void backwardRange(float[] dinp, float[] inp, float[] dout, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      float x = inp[i];
      float t = (float) Math.tanh(K * (x + C * x * x * x));
      float local = 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * K * (1f + 3f * C * x * x);
      dinp[i] += local * dout[i];
    }
  }
}
