package org.tinyformer.data.tasks;

import org.tinyformer.base.Checks;

/**
 * An encoder-decoder batch, row-major and dynamically padded: {@code source} (B, S) padded with PAD
 * (the encoder's padding mask is {@code source == PAD}); {@code decoderInput} (B, T) = START then
 * the target, padded with PAD; {@code decoderTarget} (B, T) = the target then END, padded with
 * {@link org.tinyformer.data.Padding#IGNORE_INDEX}.
 */
public record Seq2SeqBatch(
    int[] source,
    int[] decoderInput,
    int[] decoderTarget,
    int batchSize,
    int sourceLength,
    int targetLength) {
  public Seq2SeqBatch {
    Checks.check(
        source.length == batchSize * sourceLength,
        "seq2seq batch: source has %d ids, expected (%d, %d)",
        source.length,
        batchSize,
        sourceLength);
    Checks.check(
        decoderInput.length == batchSize * targetLength
            && decoderTarget.length == batchSize * targetLength,
        "seq2seq batch: decoder input/target have %d/%d ids, expected (%d, %d)",
        decoderInput.length,
        decoderTarget.length,
        batchSize,
        targetLength);
  }

  /** Row {@code b} of the source, (S,), padding included. */
  public int[] sourceRow(int b) {
    return java.util.Arrays.copyOfRange(source, b * sourceLength, (b + 1) * sourceLength);
  }
}
