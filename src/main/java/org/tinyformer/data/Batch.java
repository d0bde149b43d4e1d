package org.tinyformer.data;

import org.tinyformer.base.Checks;

/**
 * A batch for next-token training: {@code inputs} and {@code targets} are (B, T) row-major, B =
 * {@code batchSize}, T = {@code length}; targets are the inputs shifted left by one, and {@link
 * Padding#IGNORE_INDEX} where no loss is taken (padding, prompts).
 */
public record Batch(int[] inputs, int[] targets, int batchSize, int length) {
  public Batch {
    Checks.check(
        batchSize > 0 && length > 0,
        "batch: batchSize and length must be positive, got (%d, %d)",
        batchSize,
        length);
    Checks.check(
        inputs.length == batchSize * length && targets.length == batchSize * length,
        "batch: expected %d inputs and targets for (%d, %d), got %d and %d",
        batchSize * length,
        batchSize,
        length,
        inputs.length,
        targets.length);
  }

  /** Number of targets that count in the loss (not {@link Padding#IGNORE_INDEX}). */
  public int targetCount() {
    int n = 0;
    for (int t : targets) {
      n += t == Padding.IGNORE_INDEX ? 0 : 1;
    }
    return n;
  }

  /** Row {@code b} of the inputs, (T,). */
  public int[] inputRow(int b) {
    return java.util.Arrays.copyOfRange(inputs, b * length, (b + 1) * length);
  }

  /** Row {@code b} of the targets, (T,). */
  public int[] targetRow(int b) {
    return java.util.Arrays.copyOfRange(targets, b * length, (b + 1) * length);
  }
}
