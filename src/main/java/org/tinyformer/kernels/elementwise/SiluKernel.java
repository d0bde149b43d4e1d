package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * SiLU {@code x * sigmoid(x)} (Elfwing et al. 2017) and SwiGLU {@code silu(a) * b} (Shazeer 2020),
 * the gated MLP of Llama, with their backward passes. Vector API in parallel, or {@link SiluPlain}.
 * Usage: {@code SiluKernel.swigluForward(out, gate, up, B * T * H)}.
 */
public final class SiluKernel {
  private SiluKernel() {}

  /** out (N) = silu(inp (N)); out may be inp. */
  public static void forward(float[] out, float[] inp, int N) {
    check("silu", N, "out", out, "inp", inp);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            SiluVector.forwardRange(out, inp, i0, i1);
          } else {
            SiluPlain.forwardRange(out, inp, i0, i1);
          }
        });
  }

  /** dinp (N) += silu'(inp) * dout (N). */
  public static void backward(float[] dinp, float[] inp, float[] dout, int N) {
    check("siluBackward", N, "dinp", dinp, "inp", inp, "dout", dout);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            SiluVector.backwardRange(dinp, inp, dout, i0, i1);
          } else {
            SiluPlain.backwardRange(dinp, inp, dout, i0, i1);
          }
        });
  }

  /** out (N) = silu(a (N)) * b (N). */
  public static void swigluForward(float[] out, float[] a, float[] b, int N) {
    check("swiglu", N, "out", out, "a", a, "b", b);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            SiluVector.swigluForwardRange(out, a, b, i0, i1);
          } else {
            SiluPlain.swigluForwardRange(out, a, b, i0, i1);
          }
        });
  }

  /** da (N) += silu'(a) b dout and db (N) += silu(a) dout; either gradient may be null. */
  // spotless:off
  public static void swigluBackward(float[] da, float[] db, float[] dout, float[] a, float[] b, int N) {
    check("swigluBackward", N, "dout", dout, "a", a, "b", b);
    KernelArgs.optionalFloats("swigluBackward", "da", da, N);
    KernelArgs.optionalFloats("swigluBackward", "db", db, N);
    boolean vector = Simd.AVAILABLE;
    Work.elements(
        N,
        (i0, i1) -> {
          if (vector) {
            SiluVector.swigluBackwardRange(da, db, dout, a, b, i0, i1);
          } else {
            SiluPlain.swigluBackwardRange(da, db, dout, a, b, i0, i1);
          }
        });
  }
  // spotless:on

  private static void check(String op, int N, Object... namesAndArrays) {
    ElementwiseKernel.checkCount(op, N);
    KernelArgs.allFloats(op, new int[] {N}, namesAndArrays);
  }
}
