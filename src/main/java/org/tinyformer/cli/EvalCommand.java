package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.training.Evaluation;
import org.tinyformer.training.RunSetup;
import org.tinyformer.training.TrainConfig;
import org.tinyformer.training.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer eval}: loss and perplexity of a trained run on its training and validation data
 * (or on another text file), and for task runs (the built-in arithmetic is one) the greedy-decoding
 * accuracy.
 */
@Command(
    name = "eval",
    description =
        "Evaluate a trained run: loss, perplexity, and for task runs the exact-match accuracy.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Evaluate on this text file instead of the run's data.")
  Path data;

  @Option(
      names = "--batches",
      paramLabel = "N",
      description = "Batches per split (default: the run's training.eval_batches).")
  Integer batches;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    LoadedRun loaded = Checkpoint.load(run.dir);
    TrainConfig config = TrainConfig.parse(loaded.configYaml(), loaded.checkpoint().toString());
    if (data != null) {
      config = config.with(List.of("data.kind=text", "data.path=" + data));
    }
    TrainingData d = RunSetup.data(config, loaded.tokenizer());
    out.printf("checkpoint: %s (step %d)%n", loaded.checkpoint(), loaded.state().step());
    out.printf("data: %s%n", d.describe());
    int n = batches != null ? batches : config.training().evalBatches();
    if (n <= 0) {
      throw new IllegalArgumentException("eval: --batches must be positive, got " + n);
    }
    int B = config.training().batchSize();
    int T = d.sequenceLength(loaded.model().contextLength());
    long seed = config.training().seed();
    Evaluation e =
        Evaluation.run(
            loaded.model(),
            d.evalBatches(false, B, T, Evaluation.trainSeed(seed)),
            d.evalBatches(true, B, T, Evaluation.valSeed(seed)),
            n);
    out.printf(
        Locale.ROOT, "train loss %.4f  perplexity %.3f%n", e.trainLoss(), e.trainPerplexity());
    out.printf(Locale.ROOT, "val   loss %.4f  perplexity %.3f%n", e.valLoss(), e.valPerplexity());
    if (d.metric().isPresent()) {
      loaded.model().setTraining(false);
      RunTraining.printMetric(out, d.metric().get().evaluate(loaded.model()));
    }
    return 0;
  }
}
