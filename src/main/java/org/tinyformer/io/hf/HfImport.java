package org.tinyformer.io.hf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.ModelFile;
import org.tinyformer.io.TrainingState;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tensor.Tensor;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Imports a Hugging Face model directory ({@code GPT2LMHeadModel} or {@code LlamaForCausalLM},
 * safetensors, F32/F16/BF16) into our model, and saves it as an ordinary run directory so that
 * sample, chat, predict, eval, inspect, attention and {@code train --init-from} work on it.
 *
 * <p>{@code HfImport.Imported m = HfImport.read(Path.of("gpt2")); HfImport.save(m, runDir, yaml);}
 */
public final class HfImport {
  private HfImport() {}

  /** A model read from a Hugging Face directory, in our layout. */
  public record Imported(
      String architecture,
      String modelKind,
      LanguageModel model,
      Tokenizer tokenizer,
      String sourceDtype) {
    public GptConfig config() {
      return model.config();
    }
  }

  /** Reads config.json, the weights and the tokenizer of {@code dir}. */
  public static Imported read(Path dir) throws IOException {
    HfDirectory d = HfDirectory.open(dir);
    HfLayout layout = HfLayout.of(d.architecture(), dir.resolve(HfDirectory.CONFIG));
    GptConfig config = layout.config(d);
    Map<String, float[]> weights = layout.toTinyformer(d, config);
    LanguageModel model =
        new ModelFile(layout.modelKind(), config).create(new Rng(0)).languageModel().orElseThrow();
    for (Map.Entry<String, Tensor> e : model.parameters().entrySet()) {
      float[] w = weights.remove(e.getKey());
      float[] dst = e.getValue().data();
      if (w == null || w.length != dst.length) {
        throw new IllegalStateException(
            "hf import: " + layout.architecture() + " layout gives no " + e.getKey());
      }
      System.arraycopy(w, 0, dst, 0, w.length);
    }
    if (!weights.isEmpty()) {
      throw new IllegalStateException(
          "hf import: the model has no parameter " + weights.keySet().iterator().next());
    }
    Tokenizer tokenizer = HfTokenizerFiles.load(dir);
    if (tokenizer.vocabSize() > config.vocabSize()) {
      throw new IllegalArgumentException(
          "hf import: the tokenizer of "
              + dir
              + " has "
              + tokenizer.vocabSize()
              + " tokens but config.json vocab_size is "
              + config.vocabSize());
    }
    String dtype = d.config().path("torch_dtype").asText("float32");
    return new Imported(layout.architecture(), layout.modelKind(), model, tokenizer, dtype);
  }

  /**
   * Writes {@code m} as a run directory: {@code config.yaml} and {@code checkpoints/last} (step 0,
   * no optimizer state). Refuses a run directory that already has checkpoints.
   */
  public static void save(Imported m, Path runDir, String configYaml) throws IOException {
    Path checkpoints = runDir.resolve("checkpoints");
    if (Files.isDirectory(checkpoints)) {
      try (Stream<Path> s = Files.list(checkpoints)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "hf import: "
                  + runDir
                  + " already has checkpoints; choose another --run-dir or delete it");
        }
      }
    }
    Files.createDirectories(checkpoints);
    Checkpoint.save(
        checkpoints.resolve("last"),
        new Checkpoint.Contents(
            m.modelKind(),
            m.model(),
            m.tokenizer(),
            null,
            TrainingState.initial("adamw"),
            configYaml));
    Files.writeString(runDir.resolve("config.yaml"), configYaml);
  }
}
