package org.tinyformer.kernels.norms;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * Cross-entropy fused with softmax, from logits (llm.c's {@code crossentropy_forward} and {@code
 * crossentropy_softmax_backward}): per-row losses and a probs cache; rows whose target is the
 * ignore index get loss 0 and no gradient. The caller reduces (mean over the counted rows, or sum).
 * Usage: {@code int n = CrossEntropyKernel.forward(losses, probs, logits, targets, -1, B * T, V)}.
 */
public final class CrossEntropyKernel {
  private CrossEntropyKernel() {}

  // spotless:off
  /**
   * losses (N), probs (N, V) or null (loss only), logits (N, V), targets (N) in [0, V) or equal to
   * ignoreIndex. Returns how many rows count (targets not ignored), the divisor of a mean.
   */
  public static int forward(float[] losses, float[] probs, float[] logits, int[] targets, int ignoreIndex, int N, int V) {
    String op = "crossEntropy";
    KernelArgs.positive(op, "N, V", N, V);
    KernelArgs.floats(op, "losses", losses, N);
    KernelArgs.optionalFloats(op, "probs", probs, N, V);
    KernelArgs.floats(op, "logits", logits, N, V);
    checkTargets(op, targets, ignoreIndex, N, V);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        N,
        Work.rows(V),
        (r0, r1) -> {
          if (vector) {
            CrossEntropyVector.forwardRows(losses, probs, logits, targets, ignoreIndex, V, r0, r1);
          } else {
            CrossEntropyPlain.forwardRows(losses, probs, logits, targets, ignoreIndex, V, r0, r1);
          }
        });
    return counted(targets, ignoreIndex, N);
  }
  // spotless:on

  // spotless:off
  /**
   * dlogits (N, V) += (probs - onehot(target)) * dlosses[row], from the forward's probs (N, V);
   * rows with the ignore index are left untouched. For a mean loss pass dlosses = 1 / count.
   */
  public static void backward(float[] dlogits, float[] dlosses, float[] probs, int[] targets, int ignoreIndex, int N, int V) {
    String op = "crossEntropyBackward";
    KernelArgs.positive(op, "N, V", N, V);
    KernelArgs.floats(op, "dlogits", dlogits, N, V);
    KernelArgs.floats(op, "dlosses", dlosses, N);
    KernelArgs.floats(op, "probs", probs, N, V);
    checkTargets(op, targets, ignoreIndex, N, V);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        N,
        Work.rows(V),
        (r0, r1) -> {
          if (vector) {
            CrossEntropyVector.backwardRows(dlogits, dlosses, probs, targets, ignoreIndex, V, r0, r1);
          } else {
            CrossEntropyPlain.backwardRows(dlogits, dlosses, probs, targets, ignoreIndex, V, r0, r1);
          }
        });
  }
  // spotless:on

  /** Rows whose target is not the ignore index. */
  static int counted(int[] targets, int ignoreIndex, int N) {
    int n = 0;
    for (int r = 0; r < N; r++) {
      n += targets[r] == ignoreIndex ? 0 : 1;
    }
    return n;
  }

  private static void checkTargets(String op, int[] targets, int ignoreIndex, int N, int V) {
    KernelArgs.ints(op, "targets", targets, N);
    for (int r = 0; r < N; r++) {
      int t = targets[r];
      if (t != ignoreIndex && (t < 0 || t >= V)) {
        throw new IllegalArgumentException(
            String.format(
                "%s: target %d at row %d is outside [0, %d) and is not the ignore index %d",
                op, t, r, V, ignoreIndex));
      }
    }
  }
}
