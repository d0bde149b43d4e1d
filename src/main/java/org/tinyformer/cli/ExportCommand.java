package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.io.hf.HfExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer export --run D --format hf --out DIR}: the directory {@code transformers} loads
 * with {@code from_pretrained} (GPT-2 layout for our GPT, Llama layout for the modern model).
 */
@Command(
    name = "export",
    description =
        "Export a run's model as a Hugging Face directory (GPT-2 or Llama layout, safetensors).")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "The target format: hf.")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The directory to write (must not exist or be empty).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("hf")) {
      throw new IllegalArgumentException("export: unknown format '" + format + "', expected hf");
    }
    LoadedRun loaded = Checkpoint.load(run.dir);
    String architecture = HfExport.write(loaded, out);
    spec.commandLine()
        .getOut()
        .printf(
            "exported %s (step %d) as %s into %s%n",
            loaded.checkpoint(), loaded.state().step(), architecture, out);
    return 0;
  }
}
