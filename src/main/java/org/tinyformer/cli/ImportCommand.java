package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.io.hf.HfImport;
import org.tinyformer.models.GptConfig;
import org.tinyformer.training.RunLock;
import org.tinyformer.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer import hf --from DIR --run-dir runs/gpt2}: a Hugging Face model directory
 * (GPT-2 or Llama layout, safetensors) becomes an ordinary run directory.
 */
@Command(
    name = "import",
    description =
        "Import a Hugging Face model directory (GPT2LMHeadModel or LlamaForCausalLM, safetensors)"
            + " as a run directory.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FORMAT", description = "The source format: hf.")
  String format;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DIR",
      description = "config.json, model.safetensors (or shards + index) and tokenizer files.")
  Path from;

  @Option(
      names = "--run-dir",
      required = true,
      paramLabel = "DIR",
      description = "The run directory to create (for example runs/gpt2).")
  Path runDir;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("hf")) {
      throw new IllegalArgumentException("import: unknown format '" + format + "', expected hf");
    }
    PrintWriter out = spec.commandLine().getOut();
    HfImport.Imported m = HfImport.read(from);
    try (RunLock lock = RunLock.acquire(runDir)) { // as train does: one writer per run directory
      HfImport.save(m, runDir, configYaml(m, runDir));
    }
    GptConfig c = m.config();
    out.printf(
        Locale.ROOT,
        "imported %s (%s weights) as model %s: %d layers, %d heads, %d dims, context %d,"
            + " vocab %d, %,d parameters%n",
        m.architecture(),
        m.sourceDtype(),
        m.modelKind(),
        c.numLayers(),
        c.numHeads(),
        c.embedDim(),
        c.contextLength(),
        c.vocabSize(),
        c.parameterCount());
    out.printf("run directory %s; try: tinyformer sample --run %s%n", runDir, runDir);
    return 0;
  }

  /** The run's config: the model's shape and text data tokenized by the imported tokenizer. */
  static String configYaml(HfImport.Imported m, Path runDir) {
    GptConfig c = m.config();
    String name = runDir.toAbsolutePath().normalize().getFileName().toString();
    String tokenizer = m.tokenizer().type();
    return TrainConfig.defaults(name.replaceAll("[^A-Za-z0-9._-]", "-"))
        .with(
            List.of(
                "data.kind=text",
                "data.tokenizer=" + tokenizer,
                "data.vocab_size=" + Math.max(m.tokenizer().vocabSize(), 257),
                "model.kind=" + m.modelKind(),
                "model.num_layers=" + c.numLayers(),
                "model.num_heads=" + c.numHeads(),
                "model.embed_dim=" + c.embedDim(),
                "model.context_length=" + c.contextLength(),
                "model.dropout=0.0",
                "model.bias=" + c.bias()))
        .toYaml();
  }
}
