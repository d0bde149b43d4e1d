package org.tinyformer.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.handwritten.HandwrittenGpt;
import org.tinyformer.training.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer step-bench --model autograd --layers 4 --heads 4 --embed 128 --context 64
 * --batch 12} (hidden): the median training-step milliseconds of one GPT, alone in this JVM as the
 * PyTorch reference is in its process; the Java side of scripts/bench/train-compare.sh. With {@code
 * --model autograd,handwritten} both models live in this JVM and their steps alternate, so that a
 * busy host slows both alike; it then also prints the median of the per-pair ratios.
 */
@Command(
    name = "step-bench",
    hidden = true,
    description = "Print the median training-step ms of the autograd or hand-written GPT.")
final class StepBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "autograd",
      description =
          "autograd, handwritten, or autograd,handwritten to alternate their steps"
              + " (default: ${DEFAULT-VALUE}).")
  String model;

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

  @Option(names = "--steps", defaultValue = "30", description = "Timed steps.")
  int steps;

  @Option(names = "--warmup", defaultValue = "10", description = "Untimed steps first, at least.")
  int warmup;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "10",
      description = "Keep warming up this long, so the JIT has compiled the kernels.")
  double warmupSeconds;

  @Override
  public Integer call() {
    Checks.check(
        steps > 0 && warmup >= 0 && warmupSeconds >= 0,
        "step-bench: steps must be > 0, warmup and warmup seconds >= 0");
    Checks.check(
        model.equals("autograd")
            || model.equals("handwritten")
            || model.equals("autograd,handwritten"),
        "step-bench: --model must be autograd, handwritten or autograd,handwritten, got %s",
        model);
    GptConfig config = GptConfig.gpt2(vocab, context, layers, heads, embed, 0f);
    String[] names = model.split(",");
    StepBenchmark[] benches = new StepBenchmark[names.length];
    for (int m = 0; m < names.length; m++) {
      LanguageModel net =
          names[m].equals("autograd")
              ? new Gpt(config, new Rng(1))
              : new HandwrittenGpt(config, new Rng(1));
      benches[m] = new StepBenchmark(net, batch, context, 2);
    }
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * names.length * 1e9);
    for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) {
      for (StepBenchmark bench : benches) {
        bench.step();
      }
    }
    double[][] ms = new double[names.length][steps]; // (models, steps)
    for (int i = 0; i < steps; i++) {
      for (int m = 0; m < names.length; m++) {
        ms[m][i] = benches[m].step();
      }
    }
    var out = spec.commandLine().getOut();
    out.printf(
        "# tinyformer jdk %s, %s, %d threads, %s %dL/%dH/%d/ctx%d/B%d%n",
        Runtime.version(),
        Simd.describe(),
        Parallel.threads(),
        model,
        layers,
        heads,
        embed,
        context,
        batch);
    if (names.length == 1) {
      out.printf("step_ms %.2f%n", median(ms[0]));
      return 0;
    }
    double[] ratios = new double[steps]; // autograd / handwritten, step by step
    for (int i = 0; i < steps; i++) {
      ratios[i] = ms[0][i] / ms[1][i];
    }
    out.printf("autograd_ms %.2f%n", median(ms[0]));
    out.printf("handwritten_ms %.2f%n", median(ms[1]));
    out.printf("pair_ratio %.3f%n", median(ratios));
    return 0;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
