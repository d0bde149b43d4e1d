package org.tinyformer.models.encdec;

import java.util.List;
import java.util.Locale;

/**
 * The shape of an encoder-decoder transformer (Vaswani et al. 2017), pre-norm variant.
 *
 * @param vocabSize token ids shared by source and target (V)
 * @param contextLength longest source or target sequence (positions 0 .. contextLength - 1)
 * @param numLayers encoder blocks, and as many decoder blocks (L)
 * @param numHeads attention heads of every attention (NH); must divide embedDim
 * @param embedDim width of the residual stream (C); the MLP is 4C wide
 * @param dropout dropout probability in [0, 1) on embeddings and residual branches
 * @param positions fixed sinusoidal (the paper) or learned absolute positions
 * @param padId the padding token: masked as a key, ignored as a target
 */
public record EncDecConfig(
    int vocabSize,
    int contextLength,
    int numLayers,
    int numHeads,
    int embedDim,
    float dropout,
    Positions positions,
    int padId) {

  /** How positions enter the model. */
  public enum Positions {
    SINUSOIDAL,
    LEARNED;

    /** Parses {@code sinusoidal} or {@code learned} (case-insensitive). */
    public static Positions parse(String text) {
      for (Positions p : values()) {
        if (p.name().equalsIgnoreCase(text.trim())) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "encdec config: positions must be one of sinusoidal, learned, got '" + text + "'");
    }

    public String option() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EncDecConfig {
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
    check(positions != null, "positions must be one of %s, got null", List.of(Positions.values()));
    check(
        padId >= 0 && padId < vocabSize,
        "padId must be in [0, vocabSize = %d), got %d",
        vocabSize,
        padId);
    check(
        positions != Positions.SINUSOIDAL || embedDim % 2 == 0,
        "embedDim must be even for sinusoidal positions, got %d",
        embedDim);
  }

  /**
   * Number of parameters {@link EncoderDecoder} allocates for this config, computed: embeddings
   * (and learned positions), per encoder block 12C² + 13C (two norms, attention, MLP), per decoder
   * block 16C² + 19C (three norms, self- and cross-attention, MLP), the two final norms and the
   * head.
   */
  public long parameterCount() {
    long c = embedDim;
    long v = vocabSize;
    long positionTable = positions == Positions.LEARNED ? (long) contextLength * c : 0;
    long encoderBlock = 12 * c * c + 13 * c;
    long decoderBlock = 16 * c * c + 19 * c;
    return v * c + positionTable + numLayers * (encoderBlock + decoderBlock) + 4 * c + c * v + v;
  }

  /** Width of one head (HS = C / NH). */
  public int headSize() {
    return embedDim / numHeads;
  }

  /** Width of the hidden layer of each MLP (4C). */
  public int mlpDim() {
    return 4 * embedDim;
  }

  private static void positive(String field, int value) {
    check(value > 0, "%s must be positive, got %d", field, value);
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException("encdec config: " + String.format(format, args));
    }
  }
}
