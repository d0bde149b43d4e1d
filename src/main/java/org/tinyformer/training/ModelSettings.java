package org.tinyformer.training;

import org.tinyformer.base.Checks;

/**
 * The {@code model:} section of a run config: which model ({@code gpt}, {@code modern}, {@code
 * handwritten}, or {@code encdec} for sequence tasks) and its size. The vocabulary size comes from
 * the tokenizer. {@code positions}: {@code learned} or, for the encoder-decoder, {@code sinusoidal}
 * ({@code modern} always uses rotary positions); {@code source_end}: the encoder-decoder reads
 * every source followed by END.
 */
public record ModelSettings(
    String kind,
    int numLayers,
    int numHeads,
    int embedDim,
    int contextLength,
    float dropout,
    boolean bias,
    String positions,
    boolean sourceEnd) {

  /** The shakespeare-char model: 4 layers, 4 heads, 128 dims, context 64. */
  public static final ModelSettings DEFAULTS =
      new ModelSettings("gpt", 4, 4, 128, 64, 0f, true, "learned", false);

  public ModelSettings {
    Checks.check(
        kind.equals("gpt")
            || kind.equals("modern")
            || kind.equals("handwritten")
            || kind.equals("encdec"),
        "config: model.kind must be gpt, modern, handwritten or encdec, got '%s'",
        kind);
    Checks.check(
        contextLength > 0, "config: model.context_length must be positive, got %d", contextLength);
    Checks.check(numLayers > 0, "config: model.num_layers must be positive, got %d", numLayers);
    Checks.check(numHeads > 0, "config: model.num_heads must be positive, got %d", numHeads);
    Checks.check(embedDim > 0, "config: model.embed_dim must be positive, got %d", embedDim);
    Checks.check(
        embedDim % numHeads == 0,
        "config: model.embed_dim %d must be divisible by model.num_heads %d (each head gets"
            + " embed_dim / num_heads dimensions)",
        embedDim,
        numHeads);
    Checks.check(
        dropout >= 0 && dropout < 1, "config: model.dropout must be in [0, 1), got %s", dropout);
    Checks.check(
        positions.equals("learned") || positions.equals("sinusoidal"),
        "config: model.positions must be learned or sinusoidal, got '%s'",
        positions);
    Checks.check(
        positions.equals("learned") || kind.equals("encdec"),
        "config: model.positions sinusoidal is for model.kind encdec, got kind %s",
        kind);
    Checks.check(
        !kind.equals("modern") || (embedDim / numHeads) % 2 == 0,
        "config: model.kind modern (rotary positions) needs an even head size, got embed_dim %d /"
            + " num_heads %d = %d",
        embedDim,
        numHeads,
        embedDim / numHeads);
    Checks.check(
        !kind.equals("handwritten") || dropout == 0,
        "config: model.dropout must be 0 for model.kind handwritten (dropout is on the autograd"
            + " models only), got %s",
        dropout);
    Checks.check(
        !positions.equals("sinusoidal") || embedDim % 2 == 0,
        "config: model.embed_dim must be even for sinusoidal positions, got %d",
        embedDim);
    Checks.check(
        !sourceEnd || kind.equals("encdec"),
        "config: model.source_end is for model.kind encdec, got kind %s",
        kind);
  }

  /** Whether this is the encoder-decoder (trained on sequence tasks only). */
  public boolean encoderDecoder() {
    return kind.equals("encdec");
  }
}
