package org.tinyformer.data.tasks;

import org.tinyformer.base.Checks;

/**
 * What to generate: the task, the number of symbols, the training length range [minLength,
 * maxLength], the longest length of the generalisation split (lengths in (maxLength,
 * generalisationMaxLength]), the held-out set size and the seed. For {@code add} the lengths count
 * the digits of each operand and there are always 10 symbols (digits). {@code reverseSum} writes
 * sums least significant digit first; {@code padOperands} zero-pads both operands to {@code
 * maxLength} digits (or the longer operand's, if longer) and the sum to one digit more, so that
 * every digit sits at a fixed position. Usage: {@code TaskConfig.defaults(TaskKind.REVERSE)}.
 */
public record TaskConfig(
    TaskKind kind,
    int vocabSize,
    int minLength,
    int maxLength,
    int generalisationMaxLength,
    int heldOutSize,
    long seed,
    boolean reverseSum,
    boolean padOperands) {
  public TaskConfig {
    Checks.check(kind != null, "task config: kind must be set");
    Checks.check(
        vocabSize >= 2 && vocabSize <= 1000,
        "task config: vocabSize must be in [2, 1000], got %d",
        vocabSize);
    Checks.check(
        kind != TaskKind.ADD || vocabSize == 10,
        "task config: add uses the 10 digits, so vocabSize must be 10, got %d",
        vocabSize);
    Checks.check(
        minLength >= 1 && minLength <= maxLength,
        "task config: expected 1 <= minLength <= maxLength, got minLength %d, maxLength %d",
        minLength,
        maxLength);
    Checks.check(
        kind != TaskKind.ADD || generalisationMaxLength <= 9,
        "task config: add operands have at most 9 digits, got generalisationMaxLength %d",
        generalisationMaxLength);
    Checks.check(
        generalisationMaxLength >= maxLength,
        "task config: generalisationMaxLength must be >= maxLength (%d), got %d",
        maxLength,
        generalisationMaxLength);
    Checks.check(heldOutSize >= 1, "task config: heldOutSize must be >= 1, got %d", heldOutSize);
  }

  /**
   * The defaults: 10 symbols, lengths 3-10 (operands of 1-3 digits for add), generalisation up to
   * 14 (4 digits for add), 500 held-out examples, seed 1337. Add writes {@code 0 1 2 + 4 5 6 -> 8 6
   * 4 0}: padded operands and the sum reversed, the layout a small transformer learns fastest.
   */
  public static TaskConfig defaults(TaskKind kind) {
    return kind == TaskKind.ADD
        ? new TaskConfig(kind, 10, 1, 3, 4, 500, 1337, true, true)
        : new TaskConfig(kind, 10, 3, 10, 14, 500, 1337, false, false);
  }

  /** The same config with another seed. */
  public TaskConfig withSeed(long newSeed) {
    return new TaskConfig(
        kind,
        vocabSize,
        minLength,
        maxLength,
        generalisationMaxLength,
        heldOutSize,
        newSeed,
        reverseSum,
        padOperands);
  }

  /** Whether there is a generalisation split (generalisationMaxLength > maxLength). */
  public boolean hasGeneralisationSplit() {
    return generalisationMaxLength > maxLength;
  }
}
