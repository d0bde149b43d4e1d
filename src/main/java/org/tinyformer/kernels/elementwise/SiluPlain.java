package org.tinyformer.kernels.elementwise;

/**
 * Plain-loop twin of {@link SiluKernel}: the test oracle, the fallback without the Vector API and
 * the scalar tail of the vector loops.
 */
public final class SiluPlain {
  private SiluPlain() {}

  /** Single-threaded {@link SiluKernel#forward}. */
  public static void forward(float[] out, float[] inp, int N) {
    forwardRange(out, inp, 0, N);
  }

  /** Single-threaded {@link SiluKernel#backward}. */
  public static void backward(float[] dinp, float[] inp, float[] dout, int N) {
    backwardRange(dinp, inp, dout, 0, N);
  }

  /** Single-threaded {@link SiluKernel#swigluForward}. */
  public static void swigluForward(float[] out, float[] a, float[] b, int N) {
    swigluForwardRange(out, a, b, 0, N);
  }

  /** Single-threaded {@link SiluKernel#swigluBackward}. */
  public static void swigluBackward(
      float[] da, float[] db, float[] dout, float[] a, float[] b, int N) {
    swigluBackwardRange(da, db, dout, a, b, 0, N);
  }

  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  static void forwardRange(float[] out, float[] inp, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      out[i] = inp[i] * sigmoid(inp[i]);
    }
  }

  /** forward was: {@code out = x s(x)}, so {@code dout/dx = s (1 + x (1 - s))}. */
  static void backwardRange(float[] dinp, float[] inp, float[] dout, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      float s = sigmoid(inp[i]);
      dinp[i] += s * (1f + inp[i] * (1f - s)) * dout[i];
    }
  }

  static void swigluForwardRange(float[] out, float[] a, float[] b, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      out[i] = a[i] * sigmoid(a[i]) * b[i];
    }
  }

  /** forward was: {@code out = silu(a) * b}; da or db may be null. */
  static void swigluBackwardRange(
      float[] da, float[] db, float[] dout, float[] a, float[] b, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      float s = sigmoid(a[i]);
      if (da != null) {
        da[i] += s * (1f + a[i] * (1f - s)) * b[i] * dout[i];
      }
      if (db != null) {
        db[i] += a[i] * s * dout[i];
      }
    }
  }
}
