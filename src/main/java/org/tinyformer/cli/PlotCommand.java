package org.tinyformer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyformer.visualization.Png;
import org.tinyformer.visualization.TrainingCurves;
import org.tinyformer.visualization.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer plot --run D}: training curves of a run as one PNG (loss, accuracy, perplexity,
 * learning rate, throughput against steps, as the log has them).
 */
@Command(
    name = "plot",
    description =
        "Draw a run's training curves as a PNG: loss, accuracy, perplexity, learning rate and"
            + " throughput against steps, a panel for each the log has.")
final class PlotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", required = true, description = "Run directory (holds log.jsonl).")
  Path run;

  @Option(names = "--out", description = "PNG to write (default: <run>/plots/curves.png).")
  Path out;

  @Option(names = "--title", description = "Name shown in the titles (default: the run's name).")
  String title;

  @Override
  public Integer call() {
    Path log = run.resolve("log.jsonl");
    if (!Files.isRegularFile(log)) {
      throw new IllegalArgumentException(
          "plot: no log.jsonl in " + run + "; pass the directory of a training run");
    }
    String name = title != null ? title : run.toAbsolutePath().normalize().getFileName().toString();
    Path target = out != null ? out : run.resolve("plots").resolve("curves.png");
    Png.write(TrainingCurves.render(TrainingLog.read(log), name), target);
    spec.commandLine().getOut().println("wrote " + target);
    return 0;
  }
}
