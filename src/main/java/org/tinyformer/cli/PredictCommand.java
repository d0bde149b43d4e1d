package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.generation.SpecialTokens;
import org.tinyformer.generation.TokenDisplay;
import org.tinyformer.generation.TokenProbabilities;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer predict --run D --prompt T [--top K] [--temperature T]}: the next-token table
 * with probabilities and log-probabilities, after dividing the logits by the temperature.
 */
@Command(
    name = "predict",
    description = {
      "Show the model's most likely next tokens after a prompt, with probabilities and"
          + " log-probabilities.",
      "--temperature reshapes them as sampling would: below 1 sharper, above 1 flatter."
    })
final class PredictCommand implements Callable<Integer> {
  private static final int BAR_WIDTH = 30;

  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Option(names = "--prompt", required = true, description = "Text whose next token to predict.")
  String prompt;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Rows to show (default ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--temperature",
      defaultValue = "1.0",
      description =
          "Divide the logits by T before the softmax (default ${DEFAULT-VALUE}: the model's own"
              + " probabilities).")
  float temperature;

  @Override
  public Integer call() throws IOException {
    Checks.check(top > 0, "predict: --top must be positive, got %d", top);
    Checks.check(
        temperature > 0 && Float.isFinite(temperature),
        "predict: --temperature must be a positive number, got %s",
        temperature);
    RunModel loaded = RunModel.load(run.dir);
    predict(loaded.model(), loaded.tokenizer(), spec.commandLine().getOut());
    return 0;
  }

  void predict(LanguageModel model, Tokenizer tokenizer, PrintWriter out) {
    int[] ids = tokenizer.encode(prompt);
    Checks.check(ids.length > 0, "predict: the prompt has no tokens; give some text");
    ids = SpecialTokens.withBos(tokenizer, ids);
    int context = model.config().contextLength();
    if (ids.length > context) {
      out.printf(
          "notice: prompt has %d tokens but contextLength is %d; keeping the last %d%n",
          ids.length, context, context);
      ids = Arrays.copyOfRange(ids, ids.length - context, ids.length);
    }
    float[] logits = model.logits(ids, 1, ids.length); // (1, T, V)
    int vocab = model.config().vocabSize();
    float[] last = Arrays.copyOfRange(logits, logits.length - vocab, logits.length); // (V)
    for (int i = 0; i < vocab; i++) {
      last[i] /= temperature;
    }
    var p = TokenProbabilities.of(last);
    out.printf(
        Locale.ROOT,
        "next token after %s (%d tokens)%s:%n",
        TokenDisplay.quote(prompt),
        ids.length,
        temperature == 1f ? "" : String.format(Locale.ROOT, ", temperature %s", temperature));
    out.printf("%4s  %-16s %6s  %11s  %9s%n", "rank", "token", "id", "probability", "log-prob");
    int rank = 1;
    float cumulative = 0;
    for (TokenProbabilities.Candidate c : p.top(top)) {
      cumulative += c.probability();
      out.printf(
          Locale.ROOT,
          "%4d  %-16s %6d  %10.2f%%  %9.3f  %s%n",
          rank++,
          TokenDisplay.quoted(tokenizer, c.id()),
          c.id(),
          100 * c.probability(),
          logProbability(last, c.id()),
          "#".repeat(Math.round(BAR_WIDTH * c.probability())));
    }
    out.printf(Locale.ROOT, "top %d cover %.2f%% of the probability%n", rank - 1, 100 * cumulative);
    out.flush();
  }

  /**
   * log softmax(logits)[id], computed as logit - logsumexp in double: exact where the probability
   * underflows to 0 in float (the seed's 4.6e-22 is a log-probability of -49.1).
   */
  static double logProbability(float[] logits, int id) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return logits[id] - max - Math.log(sum);
  }
}
