package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * Elementwise loops on contiguous float ranges for the tensor engine: binary {@code add, sub, mul,
 * div}, unary {@code exp, log, tanh, sqrt, relu, neg}, scalar {@code scale, addScalar} and fused
 * {@code axpy, addProduct} plus the backward helpers of relu and tanh. Vector API in parallel, or
 * {@link ElementwisePlain}. {@code out} may alias an input. Usage: {@code
 * ElementwiseKernel.add(out, a, b, n)}.
 */
public final class ElementwiseKernel {
  private ElementwiseKernel() {}

  /** The binary operations {@code out = a op b}. */
  enum Binary {
    ADD,
    SUB,
    MUL,
    DIV
  }

  /** The unary operations {@code out = f(a)}. */
  enum Unary {
    EXP,
    LOG,
    TANH,
    SQRT,
    RELU,
    NEG
  }

  /** out[i] = a[i] + b[i] for i in [0, n). */
  public static void add(float[] out, float[] a, float[] b, int n) {
    binary("add", Binary.ADD, out, 0, a, 0, b, 0, n);
  }

  /** out[outOff + i] = a[aOff + i] + b[bOff + i] for i in [0, n). */
  public static void add(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
    binary("add", Binary.ADD, out, outOff, a, aOff, b, bOff, n);
  }

  // spotless:off
  /**
   * {@link #add(float[], int, float[], int, float[], int, int)} on the calling thread, unchecked:
   * for kernels that add many short rows inside their own parallel loop, where a parallel call per
   * row would allocate a lambda each time.
   */
  public static void addOnThisThread(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
    if (Simd.AVAILABLE) {
      ElementwiseVector.binary(Binary.ADD, out, outOff, a, aOff, b, bOff, n);
    } else {
      ElementwisePlain.binary(Binary.ADD, out, outOff, a, aOff, b, bOff, n);
    }
  }
  // spotless:on

  /** out = a - b over n elements. */
  public static void sub(float[] out, float[] a, float[] b, int n) {
    binary("sub", Binary.SUB, out, 0, a, 0, b, 0, n);
  }

  /** out = a - b over n elements at the given offsets. */
  public static void sub(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
    binary("sub", Binary.SUB, out, outOff, a, aOff, b, bOff, n);
  }

  /** out = a * b over n elements. */
  public static void mul(float[] out, float[] a, float[] b, int n) {
    binary("mul", Binary.MUL, out, 0, a, 0, b, 0, n);
  }

  /** out = a * b over n elements at the given offsets. */
  public static void mul(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
    binary("mul", Binary.MUL, out, outOff, a, aOff, b, bOff, n);
  }

  /** out = a / b over n elements. */
  public static void div(float[] out, float[] a, float[] b, int n) {
    binary("div", Binary.DIV, out, 0, a, 0, b, 0, n);
  }

  /** out = a / b over n elements at the given offsets. */
  public static void div(float[] out, int outOff, float[] a, int aOff, float[] b, int bOff, int n) {
    binary("div", Binary.DIV, out, outOff, a, aOff, b, bOff, n);
  }

  /** out = exp(a) over n elements. */
  public static void exp(float[] out, float[] a, int n) {
    unary("exp", Unary.EXP, out, a, n);
  }

  /** out = log(a) over n elements. */
  public static void log(float[] out, float[] a, int n) {
    unary("log", Unary.LOG, out, a, n);
  }

  /** out = tanh(a) over n elements. */
  public static void tanh(float[] out, float[] a, int n) {
    unary("tanh", Unary.TANH, out, a, n);
  }

  /** out = sqrt(a) over n elements. */
  public static void sqrt(float[] out, float[] a, int n) {
    unary("sqrt", Unary.SQRT, out, a, n);
  }

  /** out = max(a, 0) over n elements. */
  public static void relu(float[] out, float[] a, int n) {
    unary("relu", Unary.RELU, out, a, n);
  }

  /** out = -a over n elements. */
  public static void neg(float[] out, float[] a, int n) {
    unary("neg", Unary.NEG, out, a, n);
  }

  /** out = s * a over n elements. */
  public static void scale(float[] out, float[] a, float s, int n) {
    fused("scale", Fused.SCALE, out, a, null, s, n);
  }

  /** out = a + s over n elements. */
  public static void addScalar(float[] out, float[] a, float s, int n) {
    fused("addScalar", Fused.ADD_SCALAR, out, a, null, s, n);
  }

  /** y += alpha * x over n elements. */
  public static void axpy(float[] y, float alpha, float[] x, int n) {
    fused("axpy", Fused.AXPY, y, x, null, alpha, n);
  }

  /** y += a * b over n elements (the backward of mul). */
  public static void addProduct(float[] y, float[] a, float[] b, int n) {
    fused("addProduct", Fused.ADD_PRODUCT, y, a, b, 0f, n);
  }

  /** dinp += inp > 0 ? dout : 0 over n elements (forward was: out = relu(inp)). */
  public static void reluBackward(float[] dinp, float[] inp, float[] dout, int n) {
    fused("reluBackward", Fused.RELU_BACKWARD, dinp, inp, dout, 0f, n);
  }

  /** dinp += (1 - out^2) * dout over n elements (forward was: out = tanh(inp)). */
  public static void tanhBackward(float[] dinp, float[] out, float[] dout, int n) {
    fused("tanhBackward", Fused.TANH_BACKWARD, dinp, out, dout, 0f, n);
  }

  /** The fused and scalar operations; {@code y} is the output, {@code s} the scalar. */
  enum Fused {
    SCALE,
    ADD_SCALAR,
    AXPY,
    ADD_PRODUCT,
    RELU_BACKWARD,
    TANH_BACKWARD
  }

  static void checkCount(String op, int n) {
    KernelArgs.check(n >= 0, "%s: element count must be non-negative, got %d", op, n);
  }

  private static void binary(
      String op,
      Binary kind,
      float[] out,
      int oOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int n) {
    checkCount(op, n);
    checkRange(op, "out", out, oOff, n);
    checkRange(op, "a", a, aOff, n);
    checkRange(op, "b", b, bOff, n);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        n,
        (i0, i1) -> {
          if (vector) {
            ElementwiseVector.binary(kind, out, oOff + i0, a, aOff + i0, b, bOff + i0, i1 - i0);
          } else {
            ElementwisePlain.binary(kind, out, oOff + i0, a, aOff + i0, b, bOff + i0, i1 - i0);
          }
        });
  }

  private static void unary(String op, Unary kind, float[] out, float[] a, int n) {
    checkCount(op, n);
    KernelArgs.floats(op, "out", out, n);
    KernelArgs.floats(op, "a", a, n);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        n,
        (i0, i1) -> {
          if (vector) {
            ElementwiseVector.unary(kind, out, a, i0, i1);
          } else {
            ElementwisePlain.unary(kind, out, a, i0, i1);
          }
        });
  }

  private static void fused(
      String op, Fused kind, float[] y, float[] a, float[] b, float s, int n) {
    checkCount(op, n);
    String[] names =
        switch (kind) {
          case SCALE, ADD_SCALAR -> new String[] {"out", "a", ""};
          case AXPY -> new String[] {"y", "x", ""};
          case ADD_PRODUCT -> new String[] {"y", "a", "b"};
          case RELU_BACKWARD -> new String[] {"dinp", "inp", "dout"};
          case TANH_BACKWARD -> new String[] {"dinp", "out", "dout"};
        };
    KernelArgs.floats(op, names[0], y, n);
    KernelArgs.floats(op, names[1], a, n);
    if (!names[2].isEmpty()) {
      KernelArgs.floats(op, names[2], b, n);
    }
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        n,
        (i0, i1) -> {
          if (vector) {
            ElementwiseVector.fused(kind, y, a, b, s, i0, i1);
          } else {
            ElementwisePlain.fused(kind, y, a, b, s, i0, i1);
          }
        });
  }

  private static void checkRange(String op, String name, float[] x, int off, int n) {
    KernelArgs.check(x != null, "%s: %s is null", op, name);
    if (off < 0 || (long) off + n > x.length) { // not KernelArgs.check: no boxing on the hot path
      throw new IllegalArgumentException(
          String.format(
              "%s: %s needs %d floats from offset %d, array has %d", op, name, n, off, x.length));
    }
  }
}
