package org.tinyformer.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.models.encdec.EncDecConfig;
import org.tinyformer.models.encdec.EncoderDecoder;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.handwritten.HandwrittenGpt;

/**
 * A checkpoint's {@code model.json}: the model kind and its architecture record, and the one place
 * that builds a model by kind: {@code gpt} (the autograd GPT as configured), {@code modern} (the
 * same with RMSNorm, rotary positions, SwiGLU and no biases), {@code handwritten} (the GPT-2
 * architecture with explicit backprop; same parameters, so checkpoints load into either) and {@code
 * encdec} (the encoder-decoder, {@link EncDecConfig}).
 *
 * <p>{@code TrainableModel m = new ModelFile("gpt", GptConfig.preset("tiny")).create(new Rng(1));}
 */
public record ModelFile(String kind, Record config) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kinds {@link #create} accepts. */
  public static final List<String> KINDS = List.of("gpt", "modern", "handwritten", "encdec");

  public ModelFile {
    kind = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
  }

  /** A freshly initialised model; {@code rng} draws the weights and seeds dropout. */
  public TrainableModel create(Rng rng) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "models: unknown model kind '" + kind + "', expected one of " + KINDS);
    }
    Class<?> expected = kind.equals("encdec") ? EncDecConfig.class : GptConfig.class;
    if (!expected.isInstance(config)) {
      throw new IllegalArgumentException(
          "models: a " + kind + " model is configured by a " + expected.getSimpleName());
    }
    return switch (kind) {
      case "gpt" -> new Gpt((GptConfig) config, rng);
      case "modern" -> new Gpt(((GptConfig) config).modern(), rng);
      case "handwritten" -> new HandwrittenGpt((GptConfig) config, rng);
      default -> new EncoderDecoder((EncDecConfig) config, rng);
    };
  }

  /** The GPT architecture, unless this is the encoder-decoder. */
  public Optional<GptConfig> gptConfig() {
    return config instanceof GptConfig c ? Optional.of(c) : Optional.empty();
  }

  /** Parameters the model has (computed from the config, before anything is allocated). */
  public long parameterCount() {
    return config instanceof EncDecConfig c
        ? c.parameterCount()
        : ((GptConfig) config).parameterCount();
  }

  /**
   * Reads {@code model.json} ({@code {"kind": ..., "config": {...}}}) of a checkpoint directory; no
   * weights are read. Malformed content names the file and the problem.
   */
  public static ModelFile read(Path checkpointDir) throws IOException {
    Path file = checkpointDir.resolve("model.json");
    JsonNode root = Checkpoint.readJson(file, JsonNode.class);
    String kind = root == null ? null : root.path("kind").asText(null);
    JsonNode config = root == null ? null : root.get("config");
    Checks.check(
        kind != null && config != null && !config.isNull(),
        "checkpoint: %s needs \"kind\" and \"config\", got kind %s and config %s",
        file,
        kind,
        config);
    Class<? extends Record> type = kind.equals("encdec") ? EncDecConfig.class : GptConfig.class;
    try {
      return new ModelFile(kind, JSON.treeToValue(config, type));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof IllegalArgumentException
              ? cause.getMessage()
              : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new IOException("checkpoint: " + file + ": " + why, e);
    }
  }
}
