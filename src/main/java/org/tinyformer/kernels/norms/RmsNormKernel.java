package org.tinyformer.kernels.norms;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * Root-mean-square normalisation over the last dimension (Zhang and Sennrich 2019), as in Llama:
 * {@code out = inp * rstd * weight}, {@code rstd = 1 / sqrt(mean(inp^2) + eps)} cached per row.
 * Vector API rows in parallel, or {@link RmsNormPlain} without the module. Usage: {@code
 * RmsNormKernel.forward(out, rstd, inp, weight, B, T, C)}.
 */
public final class RmsNormKernel {
  private RmsNormKernel() {}

  /** Default epsilon, as for layer norm. */
  public static final float EPS = 1e-5f;

  /** {@link #forward(float[], float[], float[], float[], int, int, int, float)} with eps 1e-5. */
  // spotless:off
  public static void forward(float[] out, float[] rstd, float[] inp, float[] weight, int B, int T, int C) {
    forward(out, rstd, inp, weight, B, T, C, EPS);
  }
  // spotless:on

  /** out (B, T, C), rstd (B, T) cache or null, inp (B, T, C), weight (C). */
  // spotless:off
  public static void forward(float[] out, float[] rstd, float[] inp, float[] weight, int B, int T, int C, float eps) {
    String op = "rmsNorm";
    KernelArgs.positive(op, "B, T, C", B, T, C);
    KernelArgs.floats(op, "out", out, B, T, C);
    KernelArgs.optionalFloats(op, "rstd", rstd, B, T);
    KernelArgs.floats(op, "inp", inp, B, T, C);
    KernelArgs.floats(op, "weight", weight, C);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        B * T,
        Work.rows(C),
        (r0, r1) -> {
          if (vector) {
            RmsNormVector.forwardRows(out, rstd, inp, weight, C, eps, r0, r1);
          } else {
            RmsNormPlain.forwardRows(out, rstd, inp, weight, C, eps, r0, r1);
          }
        });
  }
  // spotless:on

  // spotless:off
  /**
   * Accumulates {@code +=} into dinp (B, T, C) and dweight (C), either may be null, from dout (B,
   * T, C), inp, weight and the forward's rstd (B, T).
   */
  public static void backward(float[] dinp, float[] dweight, float[] dout, float[] inp, float[] weight, float[] rstd, int B, int T, int C) {
    String op = "rmsNormBackward";
    KernelArgs.positive(op, "B, T, C", B, T, C);
    KernelArgs.optionalFloats(op, "dinp", dinp, B, T, C);
    KernelArgs.optionalFloats(op, "dweight", dweight, C);
    KernelArgs.floats(op, "dout", dout, B, T, C);
    KernelArgs.floats(op, "inp", inp, B, T, C);
    KernelArgs.floats(op, "weight", weight, C);
    KernelArgs.floats(op, "rstd", rstd, B, T);
    int N = B * T;
    boolean vector = Simd.AVAILABLE;
    if (dinp != null) {
      Parallel.forRange(
          N,
          Work.rows(C),
          (r0, r1) -> {
            if (vector) {
              RmsNormVector.backwardRows(dinp, dout, inp, weight, rstd, C, r0, r1);
            } else {
              RmsNormPlain.backwardRows(dinp, dout, inp, weight, rstd, C, r0, r1);
            }
          });
    }
    if (dweight != null) {
      Work.columns(
          N,
          C,
          (c0, c1) -> {
            if (vector) {
              RmsNormVector.weightGradColumns(dweight, dout, inp, rstd, N, C, c0, c1);
            } else {
              RmsNormPlain.weightGradColumns(dweight, dout, inp, rstd, N, C, c0, c1);
            }
          });
    }
  }
  // spotless:on
}
