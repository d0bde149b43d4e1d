package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * GELU in the tanh form of GPT-2 (Hendrycks and Gimpel 2016): {@code out = 0.5 x (1 + tanh(sqrt(2 /
 * pi) (x + 0.044715 x^3)))}, llm.c's {@code gelu_forward/backward}. Vector API (tanh through
 * VectorFunctions.exp) in parallel, or {@link GeluPlain}. Usage: {@code GeluKernel.forward(out,
 * inp, B * T * 4 * C)}.
 */
public final class GeluKernel {
  private GeluKernel() {}

  /** out (N) = gelu(inp (N)); out may be inp. */
  public static void forward(float[] out, float[] inp, int N) {
    String op = "gelu";
    ElementwiseKernel.checkCount(op, N);
    KernelArgs.allFloats(op, new int[] {N}, "out", out, "inp", inp);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            GeluVector.forwardRange(out, inp, i0, i1);
          } else {
            GeluPlain.forwardRange(out, inp, i0, i1);
          }
        });
  }

  /**
   * out (N) = gelu(inp (N)) and derivative (N) = gelu'(inp), for a backward that is then one
   * multiply, {@code dinp = derivative * dout}, instead of a second tanh. derivative may be inp
   * (when nothing else needs inp), out may not.
   */
  public static void forwardWithDerivative(float[] out, float[] derivative, float[] inp, int N) {
    String op = "geluWithDerivative";
    ElementwiseKernel.checkCount(op, N);
    KernelArgs.allFloats(op, new int[] {N}, "out", out, "derivative", derivative, "inp", inp);
    if (out == inp || out == derivative) { // not KernelArgs.check: no varargs on the hot path
      throw new IllegalArgumentException(op + ": out may not alias inp or derivative");
    }
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            GeluVector.forwardWithDerivativeRange(out, derivative, inp, i0, i1);
          } else {
            GeluPlain.forwardWithDerivativeRange(out, derivative, inp, i0, i1);
          }
        });
  }

  /** dinp (N) += gelu'(inp) * dout (N). */
  public static void backward(float[] dinp, float[] inp, float[] dout, int N) {
    String op = "geluBackward";
    ElementwiseKernel.checkCount(op, N);
    KernelArgs.allFloats(op, new int[] {N}, "dinp", dinp, "inp", inp, "dout", dout);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            GeluVector.backwardRange(dinp, inp, dout, i0, i1);
          } else {
            GeluPlain.backwardRange(dinp, inp, dout, i0, i1);
          }
        });
  }
}
