package org.tinyformer.io.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.tinyformer.base.WriteErrors;
import org.tinyformer.io.AtomicDirectory;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.io.Safetensors;
import org.tinyformer.models.GptConfig;

/**
 * Writes a run's model as the directory {@code transformers} loads with {@code from_pretrained}:
 * {@code config.json}, {@code generation_config.json}, {@code model.safetensors} (float32) and the
 * tokenizer files; the GPT-2 layout for our GPT, the Llama layout for the modern model.
 *
 * <p>{@code HfExport.write(Checkpoint.load(run), Path.of("export/gpt2"));}
 */
public final class HfExport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfExport() {}

  /** The layout that holds a model of {@code config}, or an error saying why none does. */
  static HfLayout layoutFor(GptConfig c) {
    if (c.norm() == GptConfig.Norm.LAYER
        && c.positions() == GptConfig.Positions.LEARNED
        && c.mlp() == GptConfig.MlpKind.GELU) {
      return new Gpt2Layout();
    }
    if (c.isModern() && !c.bias()) {
      return new LlamaLayout();
    }
    throw new IllegalArgumentException(
        "hf export: a model with "
            + c.norm()
            + " norm, "
            + c.positions()
            + " positions, "
            + c.mlp()
            + " MLP and bias "
            + c.bias()
            + " is neither GPT-2 (layer norm, learned, GELU) nor Llama (RMS, rotary, SwiGLU, no"
            + " bias)");
  }

  /** Writes {@code run}'s model into {@code out}, which must not exist or be empty; atomic. */
  public static String write(LoadedRun run, Path out) throws IOException {
    GptConfig c = run.languageModel().config();
    HfLayout layout = layoutFor(c);
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "hf export: " + out + " is not empty; choose another --out or delete it");
        }
      }
    }
    int eot = HfTokenizerFiles.endOfText(run.tokenizer());
    // a failed write names its file under out (AtomicDirectory maps it from the temporary one)
    AtomicDirectory.write(out, dir -> writeFiles(run, layout, eot, dir));
    return layout.architecture();
  }

  /** The export's files in {@code dir}; a failed write (a full disk) names its file. */
  static void writeFiles(LoadedRun run, HfLayout layout, int eot, Path dir) throws IOException {
    GptConfig c = run.languageModel().config();
    Path weights = dir.resolve(HfDirectory.WEIGHTS);
    WriteErrors.writing(
        weights,
        () ->
            Safetensors.write(
                weights, layout.toHf(run.model().parameters(), c), Map.of("format", "pt")));
    Path config = dir.resolve(HfDirectory.CONFIG);
    WriteErrors.writing(config, () -> JSON.writeValue(config.toFile(), layout.hfConfig(c, eot)));
    ObjectNode generation = JSON.createObjectNode().put("_from_model_config", true);
    if (eot >= 0) {
      generation.put("bos_token_id", eot).put("eos_token_id", eot);
    }
    Path generationConfig = dir.resolve("generation_config.json");
    WriteErrors.writing(
        generationConfig, () -> JSON.writeValue(generationConfig.toFile(), generation));
    HfTokenizerFiles.save(run.tokenizer(), dir, c.contextLength());
  }
}
