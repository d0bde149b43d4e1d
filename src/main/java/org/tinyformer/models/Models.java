package org.tinyformer.models;

import java.util.List;
import java.util.Locale;
import org.tinyformer.base.Rng;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.models.handwritten.HandwrittenGpt;

/**
 * Builds a language model by kind: {@code gpt} (the autograd GPT as configured), {@code modern}
 * (the same with RMSNorm, rotary positions, SwiGLU and no biases) or {@code handwritten} (the GPT-2
 * architecture with explicit backprop; same parameters, so checkpoints load into either).
 *
 * <p>{@code LanguageModel m = Models.create("gpt", GptConfig.preset("tiny"), new Rng(1));}
 */
public final class Models {
  /** The kinds {@link #create} accepts. */
  public static final List<String> KINDS = List.of("gpt", "modern", "handwritten");

  private Models() {}

  public static LanguageModel create(String kind, GptConfig config, Rng rng) {
    return switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
      case "gpt" -> new Gpt(config, rng);
      case "modern" -> new Gpt(config.modern(), rng);
      case "handwritten" -> new HandwrittenGpt(config, rng);
      default ->
          throw new IllegalArgumentException(
              "models: unknown model kind '" + kind + "', expected one of " + KINDS);
    };
  }
}
