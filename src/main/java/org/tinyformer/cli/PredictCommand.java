package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.generation.TokenDisplay;
import org.tinyformer.generation.TokenProbabilities;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinyformer predict --run D --prompt T [--top K]}: the next-token probability table. */
@Command(
    name = "predict",
    description = "Show the model's most likely next tokens after a prompt, with probabilities.")
final class PredictCommand implements Callable<Integer> {
  private static final int BAR_WIDTH = 30;

  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      description = "Run directory (its last checkpoint) or checkpoint directory.")
  Path run;

  @Option(names = "--prompt", required = true, description = "Text whose next token to predict.")
  String prompt;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Rows to show (default ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws IOException {
    Checks.check(top > 0, "predict: --top must be positive, got %d", top);
    RunModel loaded = RunModel.load(run);
    predict(loaded.model(), loaded.tokenizer(), spec.commandLine().getOut());
    return 0;
  }

  void predict(LanguageModel model, Tokenizer tokenizer, PrintWriter out) {
    int[] ids = tokenizer.encode(prompt);
    Checks.check(ids.length > 0, "predict: the prompt has no tokens; give some text");
    int context = model.config().contextLength();
    if (ids.length > context) {
      out.printf(
          "notice: prompt has %d tokens but contextLength is %d; keeping the last %d%n",
          ids.length, context, context);
      ids = Arrays.copyOfRange(ids, ids.length - context, ids.length);
    }
    float[] logits = model.logits(ids, 1, ids.length); // (1, T, V)
    int vocab = model.config().vocabSize();
    var p = TokenProbabilities.of(Arrays.copyOfRange(logits, logits.length - vocab, logits.length));
    out.printf("next token after %s (%d tokens):%n", TokenDisplay.quote(prompt), ids.length);
    out.printf("%4s  %-16s %6s  %11s%n", "rank", "token", "id", "probability");
    int rank = 1;
    float cumulative = 0;
    for (TokenProbabilities.Candidate c : p.top(top)) {
      cumulative += c.probability();
      out.printf(
          Locale.ROOT,
          "%4d  %-16s %6d  %10.2f%%  %s%n",
          rank++,
          TokenDisplay.quoted(tokenizer, c.id()),
          c.id(),
          100 * c.probability(),
          "#".repeat(Math.round(BAR_WIDTH * c.probability())));
    }
    out.printf(Locale.ROOT, "top %d cover %.2f%% of the probability%n", rank - 1, 100 * cumulative);
    out.flush();
  }
}
