package org.tinyformer.kernels.norms;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * Layer normalisation over the last dimension (Ba et al. 2016), llm.c's {@code layernorm_forward}
 * and {@code layernorm_backward}: {@code out = (inp - mean) * rstd * weight + bias}, caching mean
 * and rstd per row. Vector API rows in parallel, or {@link LayerNormPlain} without the module.
 * Usage: {@code LayerNormKernel.forward(out, mean, rstd, inp, weight, bias, B, T, C)}.
 */
public final class LayerNormKernel {
  private LayerNormKernel() {}

  /** The epsilon of GPT-2 and PyTorch's default. */
  public static final float EPS = 1e-5f;

  // spotless:off
  /**
   * {@link #forward(float[], float[], float[], float[], float[], float[], int, int, int, float)}
   * with eps 1e-5.
   */
  public static void forward(float[] out, float[] mean, float[] rstd, float[] inp, float[] weight, float[] bias, int B, int T, int C) {
    forward(out, mean, rstd, inp, weight, bias, B, T, C, EPS);
  }
  // spotless:on

  // spotless:off
  /**
   * out (B, T, C), mean and rstd (B, T) caches (both null when no backward follows), inp (B, T, C),
   * weight (C), bias (C) or null.
   */
  public static void forward(float[] out, float[] mean, float[] rstd, float[] inp, float[] weight, float[] bias, int B, int T, int C, float eps) {
    String op = "layerNorm";
    KernelArgs.positive(op, "B, T, C", B, T, C);
    KernelArgs.floats(op, "out", out, B, T, C);
    KernelArgs.floats(op, "inp", inp, B, T, C);
    KernelArgs.floats(op, "weight", weight, C);
    KernelArgs.optionalFloats(op, "bias", bias, C);
    KernelArgs.check((mean == null) == (rstd == null), "layerNorm: mean and rstd must both be given or both null");
    KernelArgs.optionalFloats(op, "mean", mean, B, T);
    KernelArgs.optionalFloats(op, "rstd", rstd, B, T);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        B * T,
        Work.rows(C),
        (r0, r1) -> {
          if (vector) {
            LayerNormVector.forwardRows(out, mean, rstd, inp, weight, bias, C, eps, r0, r1);
          } else {
            LayerNormPlain.forwardRows(out, mean, rstd, inp, weight, bias, C, eps, r0, r1);
          }
        });
  }
  // spotless:on

  // spotless:off
  /**
   * Accumulates {@code +=} into dinp (B, T, C), dweight (C) and dbias (C), each of which may be
   * null (not wanted), from dout (B, T, C), inp, weight and the forward's mean and rstd (B, T).
   */
  public static void backward(float[] dinp, float[] dweight, float[] dbias, float[] dout, float[] inp, float[] weight, float[] mean, float[] rstd, int B, int T, int C) {
    String op = "layerNormBackward";
    KernelArgs.positive(op, "B, T, C", B, T, C);
    KernelArgs.optionalFloats(op, "dinp", dinp, B, T, C);
    KernelArgs.optionalFloats(op, "dweight", dweight, C);
    KernelArgs.optionalFloats(op, "dbias", dbias, C);
    KernelArgs.floats(op, "dout", dout, B, T, C);
    KernelArgs.floats(op, "inp", inp, B, T, C);
    KernelArgs.floats(op, "weight", weight, C);
    KernelArgs.floats(op, "mean", mean, B, T);
    KernelArgs.floats(op, "rstd", rstd, B, T);
    int N = B * T;
    boolean vector = Simd.AVAILABLE;
    if (dinp != null) {
      Parallel.forRange(
          N,
          Work.rows(C),
          (r0, r1) -> {
            if (vector) {
              LayerNormVector.backwardRows(dinp, dout, inp, weight, mean, rstd, C, r0, r1);
            } else {
              LayerNormPlain.backwardRows(dinp, dout, inp, weight, mean, rstd, C, r0, r1);
            }
          });
    }
    if (dweight != null || dbias != null) {
      Work.columns(
          N,
          C,
          (c0, c1) -> {
            if (vector) {
              LayerNormVector.paramGradColumns(dweight, dbias, dout, inp, mean, rstd, N, C, c0, c1);
            } else {
              LayerNormPlain.paramGradColumns(dweight, dbias, dout, inp, mean, rstd, N, C, c0, c1);
            }
          });
    }
  }
  // spotless:on
}
