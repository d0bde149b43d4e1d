package org.tinyformer.data;

import org.tinyformer.base.Checks;

/**
 * A training batch, row-major: {@code inputs} and {@code targets} are (B, T), B = {@code
 * batchSize}, T = {@code length}; the targets are what each input position should predict (the
 * inputs shifted left by one for a language model), {@link Padding#IGNORE_INDEX} where no loss is
 * taken (padding, prompts). An encoder-decoder batch also has a {@code source} (B, S), S = {@code
 * sourceLength}, that the encoder reads (padded with the pad id); a decoder-only batch has none
 * ({@code source} null, S 0).
 */
public record Batch(
    int[] inputs, int[] targets, int batchSize, int length, int[] source, int sourceLength) {
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
    Checks.check(
        source == null ? sourceLength == 0 : source.length == batchSize * sourceLength,
        "batch: expected %d source ids for (%d, %d), got %d",
        batchSize * sourceLength,
        batchSize,
        sourceLength,
        source == null ? 0 : source.length);
  }

  /** A decoder-only batch (no source). */
  public Batch(int[] inputs, int[] targets, int batchSize, int length) {
    this(inputs, targets, batchSize, length, null, 0);
  }

  /** Whether the batch has an encoder source. */
  public boolean hasSource() {
    return source != null;
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

  /** Row {@code b} of the source, (S,), padding included. */
  public int[] sourceRow(int b) {
    Checks.check(source != null, "batch: a decoder-only batch has no source");
    return java.util.Arrays.copyOfRange(source, b * sourceLength, (b + 1) * sourceLength);
  }
}
