package org.tinyformer.training;

import org.tinyformer.base.Checks;

/**
 * The {@code data:} section of a run config: {@code kind: arithmetic} (the built-in addition task,
 * no file needed) or {@code kind: text} (a UTF-8 file at {@code path}, split {@code 1 -
 * val_fraction} / {@code val_fraction}, tokenized by {@code tokenizer}).
 */
public record DataSettings(
    String kind,
    String path,
    String tokenizer,
    float valFraction,
    int digits,
    boolean reverseAnswer,
    int heldOut) {

  /** The built-in arithmetic task. */
  public static final DataSettings DEFAULTS =
      new DataSettings("arithmetic", null, "char", 0.1f, 3, true, 1000);

  public DataSettings {
    Checks.check(
        kind.equals("arithmetic") || kind.equals("text"),
        "config: data.kind must be arithmetic or text, got '%s'",
        kind);
    Checks.check(
        tokenizer.equals("char") || tokenizer.equals("word") || tokenizer.equals("bpe"),
        "config: data.tokenizer must be char, word or bpe, got '%s'",
        tokenizer);
    Checks.check(
        valFraction > 0 && valFraction < 1,
        "config: data.val_fraction must be in (0, 1), got %s",
        valFraction);
    Checks.check(
        digits > 0 && digits <= 4, "config: data.digits must be in [1, 4], got %d", digits);
    Checks.check(heldOut > 0, "config: data.held_out must be positive, got %d", heldOut);
  }
}
