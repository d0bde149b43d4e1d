package org.tinyformer.training;

import org.tinyformer.base.Checks;

/**
 * The {@code model:} section of a run config: which model ({@code gpt}, {@code modern} or {@code
 * handwritten}) and its size. The vocabulary size comes from the tokenizer.
 */
public record ModelSettings(
    String kind,
    int numLayers,
    int numHeads,
    int embedDim,
    int contextLength,
    float dropout,
    boolean bias) {

  /** The shakespeare-char model: 4 layers, 4 heads, 128 dims, context 64. */
  public static final ModelSettings DEFAULTS = new ModelSettings("gpt", 4, 4, 128, 64, 0f, true);

  public ModelSettings {
    Checks.check(
        kind.equals("gpt") || kind.equals("modern") || kind.equals("handwritten"),
        "config: model.kind must be gpt, modern or handwritten, got '%s'",
        kind);
    Checks.check(
        contextLength > 0, "config: model.context_length must be positive, got %d", contextLength);
  }
}
