package org.tinyformer.io;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tinyformer.base.Rng;
import org.tinyformer.base.WriteErrors;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.optim.Optimizer;
import org.tinyformer.tensor.NanCheck;
import org.tinyformer.tensor.Tensor;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.tokenizers.Tokenizers;

/**
 * A checkpoint directory: {@code model.safetensors} (weights by parameter name), {@code
 * optimizer.safetensors}, {@code state.json} ({@link TrainingState}), {@code tokenizer.json},
 * {@code model.json} ({@link ModelFile}: kind and architecture), {@code config.yaml} (the resolved
 * run config) and {@code checksums.txt} ({@link CheckpointChecksums}); every model kind, text and
 * task runs alike, uses this one layout. {@link #save} writes it atomically and refuses non-finite
 * weights; {@link #load} accepts a run directory (its {@code last} checkpoint) or a checkpoint
 * directory, verifies every file's checksum and rejects NaN/Inf weights.
 *
 * <p>{@code LoadedRun run = Checkpoint.load(Path.of("runs/arithmetic")); run.model().logits(...);}
 */
public final class Checkpoint {
  /** Attempts to read a checkpoint that a running trainer keeps replacing. */
  private static final int MAX_READS = 10;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // records by their components only: derived methods such as isModern() are not saved
          .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  private Checkpoint() {}

  /** What a checkpoint holds; {@code optimizer} may be null (weights only). */
  public record Contents(
      String modelKind,
      TrainableModel model,
      Tokenizer tokenizer,
      Optimizer optimizer,
      TrainingState state,
      String configYaml) {}

  /**
   * Writes {@code contents} into {@code dir}, replacing it atomically; refuses (and leaves {@code
   * dir} as it was) when a weight or optimizer value is NaN or Inf.
   */
  public static void save(Path dir, Contents contents) throws IOException {
    Optional<String> bad = NanCheck.firstNonFinite(contents.model().parameters());
    if (bad.isEmpty() && contents.optimizer() != null) {
      bad = NanCheck.firstNonFinite(contents.optimizer().state());
    }
    if (bad.isPresent()) {
      throw new IllegalStateException(
          "checkpoint: refusing to write " + dir + ": parameter " + bad.get());
    }
    try {
      AtomicDirectory.write(dir, tmp -> writeFiles(tmp, contents));
    } catch (IOException e) {
      throw WriteErrors.naming(dir, e);
    }
  }

  /** Writes the checkpoint files into an empty directory (not atomic by itself). */
  public static void writeFiles(Path dir, Contents c) throws IOException {
    Safetensors.write(
        dir.resolve("model.safetensors"),
        c.model().parameters(),
        Map.of("format", "pt", "step", Long.toString(c.state().step())));
    if (c.optimizer() != null) {
      Safetensors.write(
          dir.resolve("optimizer.safetensors"),
          c.optimizer().state(),
          Map.of(
              "kind", c.optimizer().kind(), "steps", Integer.toString(c.optimizer().stepCount())));
    }
    c.tokenizer().save(dir.resolve("tokenizer.json"));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("kind", c.modelKind());
    model.put("config", c.model().config());
    JSON.writeValue(dir.resolve("model.json").toFile(), model);
    Files.writeString(dir.resolve("config.yaml"), c.configYaml());
    JSON.writeValue(dir.resolve("state.json").toFile(), c.state());
    CheckpointChecksums.write(dir);
  }

  /**
   * Reads a checkpoint: {@code path} is a checkpoint directory or a run directory (then its {@code
   * checkpoints/last}, recovered after a crash if needed).
   */
  public static LoadedRun load(Path path) throws IOException {
    return load(path, file -> file.create(new Rng(0)));
  }

  /**
   * Builds the (untrained) model a {@code model.json} describes; {@link #load} fills in weights.
   */
  @FunctionalInterface
  public interface ModelFactory {
    TrainableModel create(ModelFile file);
  }

  /** As {@link #load(Path)}, building the model with {@code factory} (e.g. a test's own model). */
  public static LoadedRun load(Path path, ModelFactory factory) throws IOException {
    for (int attempt = 1; attempt <= MAX_READS; attempt++) {
      Path dir = checkpointDir(path);
      Object key = directoryKey(dir);
      try {
        Verified files = readFiles(dir);
        if (Objects.equals(key, directoryKey(dir))) {
          return files.build(factory); // no file access: the checkpoint may change from here on
        }
      } catch (IOException | RuntimeException e) {
        if (Objects.equals(key, directoryKey(dir))) {
          throw e; // the files did not change under us: the error is real
        }
      }
      // a trainer renamed a new checkpoint into place while we read: read that one
    }
    throw new IOException(
        "checkpoint: "
            + path
            + " was replaced "
            + MAX_READS
            + " times while being read; try again");
  }

  /**
   * Identifies the checkpoint in {@code dir}: its inode (null where the platform has none) and its
   * checksum list, which differs between any two checkpoints (inode numbers are reused); null when
   * the directory is gone.
   */
  private static Object directoryKey(Path dir) {
    try {
      return List.of(
          Objects.toString(Files.readAttributes(dir, BasicFileAttributes.class).fileKey()),
          Files.readString(dir.resolve(CheckpointChecksums.FILE)));
    } catch (IOException e) {
      return null;
    }
  }

  /** The verified contents of a checkpoint directory's files, before the model is built. */
  private record Verified(
      Path dir,
      ModelFile modelFile,
      Map<String, Tensor> weights,
      Tokenizer tokenizer,
      Map<String, Tensor> optimizerState,
      TrainingState state,
      String configYaml) {

    LoadedRun build(ModelFactory factory) {
      TrainableModel model = factory.create(modelFile);
      Path weightsFile = dir.resolve("model.safetensors");
      model.loadParameters(weights, weightsFile.toString());
      return new LoadedRun(
          dir, modelFile.kind(), model, tokenizer, configYaml, optimizerState, state);
    }
  }

  /** Verifies the checksums of {@code dir}, then reads every file (as fast as it can). */
  private static Verified readFiles(Path dir) throws IOException {
    CheckpointChecksums.verify(dir);
    ModelFile modelFile = ModelFile.read(dir);
    ModelSize.check(modelFile.parameterCount(), dir);
    Path weightsFile = dir.resolve("model.safetensors");
    Map<String, Tensor> weights = Safetensors.read(weightsFile);
    requireFinite(weights, weightsFile);
    Tokenizer tokenizer = Tokenizers.load(dir.resolve("tokenizer.json"));
    Path opt = dir.resolve("optimizer.safetensors");
    Map<String, Tensor> optimizerState = Files.exists(opt) ? Safetensors.read(opt) : Map.of();
    requireFinite(optimizerState, opt);
    TrainingState state = readJson(dir.resolve("state.json"), TrainingState.class);
    Path config = dir.resolve("config.yaml");
    String yaml = Files.exists(config) ? Files.readString(config) : "";
    return new Verified(dir, modelFile, weights, tokenizer, optimizerState, state, yaml);
  }

  /** A JSON file as {@code type}; malformed or invalid content names the file and the problem. */
  static <T> T readJson(Path file, Class<T> type) throws IOException {
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof IllegalArgumentException
              ? cause.getMessage()
              : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new IOException("checkpoint: " + file + ": " + why, e);
    }
  }

  private static void requireFinite(Map<String, Tensor> tensors, Path file) throws IOException {
    Optional<String> bad = NanCheck.firstNonFinite(tensors);
    if (bad.isPresent()) {
      throw new IOException(
          "checkpoint: "
              + file
              + ": "
              + bad.get()
              + "; this checkpoint is unusable, use an earlier one (checkpoints/step-N, best)");
    }
  }

  /** Whether checkpoint directory {@code dir} holds optimizer state (needed to resume exactly). */
  public static boolean hasOptimizerState(Path dir) {
    return Files.isRegularFile(dir.resolve("optimizer.safetensors"));
  }

  /** The checkpoint directory {@code path} stands for. */
  public static Path checkpointDir(Path path) throws IOException {
    if (Files.exists(path.resolve("model.safetensors"))) {
      return path;
    }
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString());
    }
    Path last = path.resolve("checkpoints").resolve("last");
    return AtomicDirectory.resolve(last)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "checkpoint: "
                        + path
                        + " has no checkpoint (expected "
                        + last
                        + "/model.safetensors); train first or pass a checkpoint directory"));
  }
}
