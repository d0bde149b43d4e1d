package org.tinyformer.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.Parallel;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.models.handwritten.HandwrittenGpt;
import org.tinyformer.training.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer step-bench --model autograd --layers 4 --heads 4 --embed 128 --context 64
 * --batch 12} (hidden): the median training-step milliseconds of one GPT, alone in this JVM as the
 * PyTorch reference is in its process; the Java side of scripts/bench/train-compare.sh.
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
      description = "autograd or handwritten (default: ${DEFAULT-VALUE}).")
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
        model.equals("autograd") || model.equals("handwritten"),
        "step-bench: --model must be autograd or handwritten, got %s",
        model);
    GptConfig config = GptConfig.gpt2(vocab, context, layers, heads, embed, 0f);
    LanguageModel net =
        model.equals("autograd")
            ? new Gpt(config, new Rng(1))
            : new HandwrittenGpt(config, new Rng(1));
    StepBenchmark bench = new StepBenchmark(net, batch, context, 2);
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++) {
      bench.step();
    }
    double[] ms = new double[steps];
    for (int i = 0; i < steps; i++) {
      ms[i] = bench.step();
    }
    Arrays.sort(ms);
    var out = spec.commandLine().getOut();
    out.printf(
        "# tinyformer jdk %s, %d threads, %s %dL/%dH/%d/ctx%d/B%d%n",
        Runtime.version(), Parallel.threads(), model, layers, heads, embed, context, batch);
    out.printf("step_ms %.2f%n", ms[steps / 2]);
    return 0;
  }
}
