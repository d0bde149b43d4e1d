package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Work;

/**
 * Token plus position embedding, llm.c's {@code encoder_forward/backward}: {@code out[b, t] =
 * wte[ids[b, t]] + wpe[t]}; with wpe null it is a plain lookup (rotary models, the tensor engine's
 * gather). Rows in parallel forward; the backward splits columns, so repeated ids never race and
 * the sums do not depend on the thread count. Usage: {@code forward(out, ids, wte, wpe, B, T, C)}.
 */
public final class EmbeddingKernel {
  private EmbeddingKernel() {}

  /** out (B, T, C), ids (B, T) in [0, V), wte (V, C), wpe (maxT, C) with maxT >= T, or null. */
  // spotless:off
  public static void forward(float[] out, int[] ids, float[] wte, float[] wpe, int B, int T, int C) {
    String op = "embedding";
    checkArgs(op, ids, wte, wpe, B, T, C);
    KernelArgs.floats(op, "out", out, B, T, C);
    Parallel.forRange(
        B * T,
        Work.rows(C),
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            int o = r * C; // row (b, t) of out
            System.arraycopy(wte, ids[r] * C, out, o, C);
            if (wpe != null) {
              int p = (r % T) * C; // row t of wpe
              for (int i = 0; i < C; i++) {
                out[o + i] += wpe[p + i];
              }
            }
          }
        });
  }
  // spotless:on

  /** dwte (V, C) += dout rows at their ids; dwpe (maxT, C) += dout summed over b, or null. */
  // spotless:off
  public static void backward(float[] dwte, float[] dwpe, float[] dout, int[] ids, int B, int T, int C) {
    String op = "embeddingBackward";
    checkArgs(op, ids, dwte, dwpe, B, T, C);
    KernelArgs.floats(op, "dout", dout, B, T, C);
    Work.columns(
        B * T,
        C,
        (c0, c1) -> {
          for (int r = 0; r < B * T; r++) {
            int o = r * C;
            int w = ids[r] * C;
            int p = (r % T) * C;
            for (int i = c0; i < c1; i++) {
              dwte[w + i] += dout[o + i];
              if (dwpe != null) {
                dwpe[p + i] += dout[o + i];
              }
            }
          }
        });
  }
  // spotless:on

  private static void checkArgs(
      String op, int[] ids, float[] table, float[] positions, int B, int T, int C) {
    KernelArgs.positive(op, "B, T, C", B, T, C);
    KernelArgs.ints(op, "ids", ids, B, T);
    KernelArgs.check(table != null, "%s: token table is null", op);
    int V = table.length / C;
    KernelArgs.check(
        V > 0, "%s: token table holds %d floats, less than one row of C = %d", op, table.length, C);
    for (int r = 0; r < B * T; r++) {
      if (ids[r] < 0 || ids[r] >= V) {
        throw new IllegalArgumentException(
            String.format("%s: token id %d at position %d is outside [0, %d)", op, ids[r], r, V));
      }
    }
    KernelArgs.check(
        positions == null || positions.length >= T * C,
        "%s: position table has %d rows of C = %d, sequence needs T = %d",
        op,
        positions == null ? 0 : positions.length / C,
        C,
        T);
  }
}
