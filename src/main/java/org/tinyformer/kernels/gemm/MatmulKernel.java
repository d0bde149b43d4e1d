package org.tinyformer.kernels.gemm;

import org.tinyformer.kernels.elementwise.ElementwiseKernel;
import org.tinyformer.kernels.runtime.Parallel;

/**
 * The linear layer of llm.c, {@code matmul_forward} / {@code matmul_backward}: {@code out = inp ·
 * weightᵀ + bias} with the weight stored (OC, C) as in PyTorch's {@code nn.Linear}. The products
 * run on {@link GemmKernel}; {@link MatmulPlain} is the oracle. Usage: {@code
 * MatmulKernel.forward(out, inp, weight, bias, B * T, C, OC)}.
 */
public final class MatmulKernel {
  private MatmulKernel() {}

  /** out (N, OC) = inp (N, C) · weightᵀ (C, OC) + bias (OC, nullable). */
  // spotless:off
  public static void forward(float[] out, float[] inp, float[] weight, float[] bias, int N, int C, int OC) {
    check("matmul forward", out, inp, weight, bias, N, C, OC);
    GemmKernel.matmulTransB(out, 0, inp, 0, weight, 0, N, C, OC, false); // (N, C) · (OC, C)ᵀ
    if (bias != null) {
      Parallel.forRange(
          N, Math.max(1, (1 << 14) / OC), (r0, r1) -> addBiasRows(out, bias, OC, r0, r1));
    }
  }
  // spotless:on

  // spotless:off
  /**
   * Writes dinp (N, C) and accumulates {@code +=} into dweight (OC, C) and dbias (OC), each
   * nullable when not wanted, from dout (N, OC), inp (N, C) and weight (OC, C). dinp is written,
   * not added to (llm.c adds), because in a GPT it is the only gradient of its activation, so a
   * caller would otherwise zero it first: one pass over memory saved per layer.
   */
  public static void backward(float[] dinp, float[] dweight, float[] dbias, float[] dout, float[] inp, float[] weight, int N, int C, int OC) {
    check("matmul backward", dout, inp, weight, null, N, C, OC);
    if (dinp != null) {
      GemmKernel.matmul(
          dinp, 0, dout, 0, weight, 0, N, OC, C, false); // dinp = dout (N, OC) · weight (OC, C)
    }
    if (dweight != null) {
      GemmKernel.matmulTransA(
          dweight, 0, dout, 0, inp, 0, OC, N, C, true); // dweight += doutᵀ (OC, N) · inp (N, C)
    }
    if (dbias != null) {
      biasBackward(dbias, dout, N, OC); // dbias += column sums of dout
    }
  }
  // spotless:on

  private static void addBiasRows(float[] out, float[] bias, int OC, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      ElementwiseKernel.addOnThisThread(out, r * OC, out, r * OC, bias, 0, OC); // row r += bias
    }
  }

  /**
   * Column sums split by column blocks, so each dbias element has one writer and a fixed order.
   * Rows are added on this thread: a parallel call per row would allocate a lambda per row.
   */
  private static void biasBackward(float[] dbias, float[] dout, int N, int OC) {
    int block = 64;
    int blocks = (OC + block - 1) / block;
    Parallel.forRange(
        blocks,
        Math.max(1, (1 << 16) / Math.max(1, N * block)),
        (b0, b1) -> {
          int c0 = b0 * block, c1 = Math.min(OC, b1 * block);
          for (int r = 0; r < N; r++) {
            ElementwiseKernel.addOnThisThread(dbias, c0, dbias, c0, dout, r * OC + c0, c1 - c0);
          }
        });
  }

  private static void check(
      String op, float[] out, float[] inp, float[] weight, float[] bias, int N, int C, int OC) {
    if (N <= 0 || C <= 0 || OC <= 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s: dimensions N, C, OC must be positive, got (%d, %d, %d)", op, N, C, OC));
    }
    need(op, "out", out, (long) N * OC);
    need(op, "inp", inp, (long) N * C);
    need(op, "weight", weight, (long) OC * C);
    if (bias != null) {
      need(op, "bias", bias, OC);
    }
  }

  private static void need(String op, String name, float[] x, long count) {
    if (x.length < count) {
      throw new IllegalArgumentException(
          String.format("%s: %s needs %d floats, array has %d", op, name, count, x.length));
    }
  }
}
