package org.tinyformer.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.Parallel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.models.handwritten.HandwrittenGpt;
import org.tinyformer.training.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer step-bench --layers 4 --heads 4 --embed 128 --context 64 --batch 12} (hidden):
 * median training-step milliseconds of the autograd and the hand-written GPT, their steps
 * interleaved; the Java side of scripts/bench/train-compare.sh.
 */
@Command(
    name = "step-bench",
    hidden = true,
    description = "Print the median training-step ms of the autograd and hand-written GPT.")
final class StepBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--layers", defaultValue = "4", description = "Transformer blocks.")
  int layers;

  @Option(names = "--heads", defaultValue = "4", description = "Attention heads.")
  int heads;

  @Option(names = "--embed", defaultValue = "128", description = "Embedding width.")
  int embed;

  @Option(names = "--context", defaultValue = "64", description = "Context length T.")
  int context;

  @Option(names = "--batch", defaultValue = "12", description = "Batch size B.")
  int batch;

  @Option(names = "--vocab", defaultValue = "65", description = "Vocabulary size.")
  int vocab;

  @Option(names = "--steps", defaultValue = "30", description = "Timed steps per model.")
  int steps;

  @Option(names = "--warmup", defaultValue = "10", description = "Untimed steps per model first.")
  int warmup;

  @Override
  public Integer call() {
    Checks.check(steps > 0 && warmup >= 0, "step-bench: steps must be > 0 and warmup >= 0");
    GptConfig config = GptConfig.gpt2(vocab, context, layers, heads, embed, 0f);
    StepBenchmark[] models = {
      new StepBenchmark(new Gpt(config, new Rng(1)), batch, context, 2),
      new StepBenchmark(new HandwrittenGpt(config, new Rng(1)), batch, context, 2)
    };
    double[][] ms = new double[2][steps];
    for (int i = -warmup; i < steps; i++) {
      for (int m = 0; m < models.length; m++) {
        double t = models[m].step();
        if (i >= 0) {
          ms[m][i] = t;
        }
      }
    }
    var out = spec.commandLine().getOut();
    out.printf(
        "# tinyformer jdk %s, %d threads, %dL/%dH/%d/ctx%d/B%d%n",
        Runtime.version(), Parallel.threads(), layers, heads, embed, context, batch);
    out.printf("autograd_ms %.2f handwritten_ms %.2f%n", median(ms[0]), median(ms[1]));
    return 0;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
