package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.ParameterRow;
import org.tinyformer.models.gpt.GptFlops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer inspect --run D}: the config, a parameter table by module (shapes and counts)
 * and the FLOPs per token.
 */
@Command(
    name = "inspect",
    description = "Show a run's model: config, parameters by module, FLOPs per token.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Option(names = "--all", description = "List every block instead of only the first.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    RunModel loaded = RunModel.load(run.dir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("checkpoint %s (model %s)%n", loaded.checkpoint(), loaded.kind());
    report(loaded.model(), all, out);
    return 0;
  }

  /** Prints the config, the parameter table and the FLOPs of {@code model}. */
  static void report(LanguageModel model, boolean all, PrintWriter out) {
    GptConfig c = model.config();
    out.printf(
        "config     vocabSize %d, contextLength %d, numLayers %d, numHeads %d, embedDim %d"
            + " (headSize %d)%n",
        c.vocabSize(), c.contextLength(), c.numLayers(), c.numHeads(), c.embedDim(), c.headSize());
    out.printf(
        "           norm %s, positions %s, mlp %s (hidden %d), bias %s, dropout %s%n",
        lower(c.norm()),
        lower(c.positions()),
        lower(c.mlp()),
        c.mlpHiddenDim(),
        c.bias(),
        c.dropout());
    out.println();
    parameterTable(model, c.numLayers(), all, out);
    out.println();
    flops(c, out);
    out.flush();
  }

  /**
   * The model's parameter table ({@link LanguageModel#parameterTable()}); without {@code all}, the
   * blocks after the first are summed up in one line.
   */
  private static void parameterTable(
      LanguageModel model, int numLayers, boolean all, PrintWriter out) {
    out.printf("%-28s %-12s %-14s %14s%n", "module", "parameter", "shape", "count");
    List<ParameterRow> rows = model.parameterTable();
    long firstBlock = 0;
    for (int i = 0; i < rows.size(); i++) {
      ParameterRow row = rows.get(i);
      boolean blockZero = row.key().startsWith("blocks.0.");
      firstBlock += blockZero ? row.count() : 0;
      if (all || !row.module().startsWith("blocks.") || blockZero) {
        out.printf(
            Locale.ROOT,
            "%-28s %-12s %-14s %,14d%n",
            row.module(),
            row.name(),
            row.shape(),
            row.count());
      }
      boolean lastOfBlockZero =
          blockZero && (i + 1 == rows.size() || !rows.get(i + 1).key().startsWith("blocks.0."));
      if (!all && lastOfBlockZero && numLayers > 1) {
        out.printf(
            Locale.ROOT,
            "%-28s %d more blocks like blocks.0 (%,d parameters each)%n",
            "blocks.1 .. blocks." + (numLayers - 1),
            numLayers - 1,
            firstBlock);
      }
    }
    long total = model.parameterCount();
    out.printf(
        Locale.ROOT,
        "total %,d parameters (%.2fM); %s%n",
        total,
        total / 1e6,
        model.config().untiedHead()
            ? "the output head has its own weight"
            : "the output head shares wte.weight");
  }

  private static void flops(GptConfig c, PrintWriter out) {
    GptFlops f = GptFlops.of(c);
    out.printf(
        Locale.ROOT,
        "FLOPs per token at context %d: forward %s (attention projections %s, attention scores %s,"
            + " mlp %s, head %s); training about %s%n",
        c.contextLength(),
        human(f.forward()),
        human(f.attentionProjections()),
        human(f.attentionScores()),
        human(f.mlp()),
        human(f.head()),
        human(f.training()));
  }

  static String human(long flops) {
    Checks.check(flops >= 0, "flops: expected >= 0, got %d", flops);
    if (flops >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f G", flops / 1e9);
    }
    if (flops >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.2f M", flops / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f k", flops / 1e3);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
