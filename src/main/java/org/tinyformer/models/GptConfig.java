package org.tinyformer.models;

import java.util.List;
import java.util.Locale;

/**
 * The shape of a GPT: vocabulary, context, depth, width, and the choice of norm, positions and MLP.
 *
 * <p>Every language-model variant (the autograd {@code Gpt}, the hand-written model) shares it.
 * Presets: {@code GptConfig.preset("shakespeare-char")}, and {@link #modern()} turns on RMSNorm,
 * rotary positions, SwiGLU and no biases.
 *
 * @param vocabSize number of token ids (V)
 * @param contextLength longest sequence the model reads (positions 0 .. contextLength - 1)
 * @param numLayers transformer blocks (L)
 * @param numHeads attention heads per block (NH); must divide embedDim
 * @param embedDim width of the residual stream (C)
 * @param dropout dropout probability in [0, 1) on embeddings, attention output and MLP output
 * @param bias whether Linear layers and LayerNorms have biases
 * @param norm LayerNorm (GPT-2) or RMSNorm (Llama)
 * @param positions learned absolute position embeddings (GPT-2) or rotary (RoPE)
 * @param mlp GELU MLP of width 4C (GPT-2) or SwiGLU (Llama)
 * @param hiddenDim width of the MLP's hidden layer, or 0 for the default of {@link #mlpHiddenDim()}
 *     (imported Llama checkpoints bring their own {@code intermediate_size})
 * @param untiedHead whether the output head has its own weight {@code head.weight} (V, C) instead
 *     of sharing the token embedding (Llama checkpoints usually do)
 */
public record GptConfig(
    int vocabSize,
    int contextLength,
    int numLayers,
    int numHeads,
    int embedDim,
    float dropout,
    boolean bias,
    Norm norm,
    Positions positions,
    MlpKind mlp,
    int hiddenDim,
    boolean untiedHead) {

  /** The normalisation layer of each block and of the final norm. */
  public enum Norm {
    LAYER,
    RMS
  }

  /** How positions enter the model. */
  public enum Positions {
    LEARNED,
    ROTARY
  }

  /** The feed-forward network of each block. */
  public enum MlpKind {
    GELU,
    SWIGLU
  }

  /** The preset names {@link #preset(String)} accepts. */
  public static final List<String> PRESETS =
      List.of("shakespeare-char", "shakespeare-char-modern", "tiny", "gpt2-small", "gpt2-medium");

  public GptConfig {
    positive("vocabSize", vocabSize);
    positive("contextLength", contextLength);
    positive("numLayers", numLayers);
    positive("numHeads", numHeads);
    positive("embedDim", embedDim);
    check(
        embedDim % numHeads == 0,
        "embedDim (%d) must be divisible by numHeads (%d)",
        embedDim,
        numHeads);
    check(
        dropout >= 0f && dropout < 1f,
        "dropout must be in [0, 1), got %s",
        Float.toString(dropout));
    check(norm != null, "norm must be one of %s, got null", List.of(Norm.values()));
    check(positions != null, "positions must be one of %s, got null", List.of(Positions.values()));
    check(mlp != null, "mlp must be one of %s, got null", List.of(MlpKind.values()));
    check(hiddenDim >= 0, "hiddenDim must be positive (or 0 for the default), got %d", hiddenDim);
    check(
        positions != Positions.ROTARY || (embedDim / numHeads) % 2 == 0,
        "headSize (%d = embedDim / numHeads) must be even for rotary positions",
        embedDim / numHeads);
  }

  /** A config with the default MLP width and the output head tied to the token embedding. */
  public GptConfig(
      int vocabSize,
      int contextLength,
      int numLayers,
      int numHeads,
      int embedDim,
      float dropout,
      boolean bias,
      Norm norm,
      Positions positions,
      MlpKind mlp) {
    this(
        vocabSize,
        contextLength,
        numLayers,
        numHeads,
        embedDim,
        dropout,
        bias,
        norm,
        positions,
        mlp,
        0,
        false);
  }

  /** The GPT-2 architecture: LayerNorm, learned positions, GELU MLP. */
  public static GptConfig gpt2(
      int vocabSize, int contextLength, int numLayers, int numHeads, int embedDim, float dropout) {
    return new GptConfig(
        vocabSize,
        contextLength,
        numLayers,
        numHeads,
        embedDim,
        dropout,
        true,
        Norm.LAYER,
        Positions.LEARNED,
        MlpKind.GELU);
  }

  /**
   * A named preset: {@code shakespeare-char} (nanoGPT's CPU recipe: 4 layers, 4 heads, 128 dims,
   * context 64, vocab 65, dropout 0), {@code shakespeare-char-modern} (the same, {@link
   * #modern()}), {@code tiny} (2 layers, 2 heads, 32 dims, context 32, for tests and demos), {@code
   * gpt2-small} (124M), {@code gpt2-medium} (350M).
   */
  public static GptConfig preset(String name) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "shakespeare-char" -> gpt2(65, 64, 4, 4, 128, 0f);
      case "shakespeare-char-modern" -> gpt2(65, 64, 4, 4, 128, 0f).modern();
      case "tiny" -> gpt2(65, 32, 2, 2, 32, 0f);
      case "gpt2-small" -> gpt2(50257, 1024, 12, 12, 768, 0f);
      case "gpt2-medium" -> gpt2(50257, 1024, 24, 16, 1024, 0f);
      default ->
          throw new IllegalArgumentException(
              "gpt config: unknown preset '" + name + "', expected one of " + PRESETS);
    };
  }

  /** This config with RMSNorm, rotary positions, a SwiGLU MLP and no biases (Llama style). */
  public GptConfig modern() {
    return new GptConfig(
        vocabSize,
        contextLength,
        numLayers,
        numHeads,
        embedDim,
        dropout,
        false,
        Norm.RMS,
        Positions.ROTARY,
        MlpKind.SWIGLU,
        hiddenDim,
        untiedHead);
  }

  /** True when this is the modern variant (RMSNorm, rotary, SwiGLU). */
  public boolean isModern() {
    return norm == Norm.RMS && positions == Positions.ROTARY && mlp == MlpKind.SWIGLU;
  }

  /** This config with another vocabulary size (a tokenizer decides it). */
  public GptConfig withVocabSize(int newVocabSize) {
    return new GptConfig(
        newVocabSize,
        contextLength,
        numLayers,
        numHeads,
        embedDim,
        dropout,
        bias,
        norm,
        positions,
        mlp,
        hiddenDim,
        untiedHead);
  }

  /** This config with another dropout probability (0 for inference). */
  public GptConfig withDropout(float newDropout) {
    return new GptConfig(
        vocabSize,
        contextLength,
        numLayers,
        numHeads,
        embedDim,
        newDropout,
        bias,
        norm,
        positions,
        mlp,
        hiddenDim,
        untiedHead);
  }

  /** Channels per attention head (HS = C / NH). */
  public int headSize() {
    return embedDim / numHeads;
  }

  /**
   * Hidden width of the MLP: {@code hiddenDim} when set, else 4C for GELU; for SwiGLU two thirds of
   * that (so the three matrices hold about as many weights as GELU's two), rounded up to a multiple
   * of 16.
   */
  public int mlpHiddenDim() {
    if (hiddenDim > 0) {
      return hiddenDim;
    }
    if (mlp == MlpKind.GELU) {
      return 4 * embedDim;
    }
    int h = (8 * embedDim + 2) / 3;
    return (h + 15) / 16 * 16;
  }

  /** Number of parameters the autograd {@code Gpt} allocates for this config, computed. */
  public long parameterCount() {
    long c = embedDim;
    long h = mlpHiddenDim();
    long normParams = norm == Norm.LAYER && bias ? 2 * c : c;
    long attn = 3 * c * c + c * c + (bias ? 4 * c : 0);
    long mlpParams =
        mlp == MlpKind.GELU ? 2 * c * h + (bias ? h + c : 0) : 3 * c * h + (bias ? 2 * h + c : 0);
    long block = 2 * normParams + attn + mlpParams;
    long embeddings =
        (long) vocabSize * c + (positions == Positions.LEARNED ? contextLength * c : 0);
    long head = untiedHead ? (long) vocabSize * c : 0;
    return embeddings + numLayers * block + normParams + head;
  }

  private static void positive(String field, int value) {
    check(value > 0, "%s must be positive, got %d", field, value);
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException("gpt config: " + String.format(format, args));
    }
  }
}
