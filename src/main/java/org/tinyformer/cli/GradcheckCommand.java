package org.tinyformer.cli;

import java.util.concurrent.Callable;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.handwritten.GradientDiff;
import org.tinyformer.models.handwritten.HandwrittenGpt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer gradcheck}: builds the hand-written and the autograd GPT from one seed, runs
 * both on one random batch and prints, per parameter, how far apart their gradients are.
 */
@Command(
    name = "gradcheck",
    description = {
      "Compare the gradients of the hand-written and the autograd GPT, parameter by parameter.",
      "Both models start from the same seed (so the same weights) and see the same batch."
    })
final class GradcheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--preset",
      defaultValue = "tiny",
      description = "Model preset (${COMPLETION-CANDIDATES}); default: ${DEFAULT-VALUE}.",
      completionCandidates = Presets.class)
  String preset;

  @Option(
      names = "--batch",
      defaultValue = "4",
      description = "Batch size B; default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(
      names = "--context",
      description = "Sequence length T; default: the preset's context length.")
  Integer context;

  @Option(
      names = "--seed",
      defaultValue = "1337",
      description = "Seed of weights and batch; default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-5",
      description = "Largest relative difference that passes; default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Override
  public Integer call() {
    GptConfig config = GptConfig.preset(preset).withDropout(0f);
    int B = batch;
    int T = context == null ? config.contextLength() : context;
    Rng data = new Rng(seed + 1);
    int[] inputs = new int[B * T];
    int[] targets = new int[B * T];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = data.nextInt(config.vocabSize());
      targets[i] = data.nextInt(config.vocabSize());
    }
    var hand = new HandwrittenGpt(config, new Rng(seed));
    var auto = new Gpt(config, new Rng(seed));
    GradientDiff diff = GradientDiff.compare(hand, auto, inputs, targets, B, T);
    var out = spec.commandLine().getOut();
    out.printf("preset %s, B %d, T %d, seed %d: handwritten vs autograd%n", preset, B, T, seed);
    out.print(diff.table(tolerance));
    int failed = diff.failures(tolerance).size();
    out.println(
        failed == 0
            ? "PASS: every parameter within " + tolerance
            : "FAIL: " + failed + " parameters");
    return failed == 0 ? 0 : 1;
  }

  /** The preset names, for --help. */
  static final class Presets implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return GptConfig.PRESETS.iterator();
    }
  }
}
