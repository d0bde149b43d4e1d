package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.training.ProgressBar;
import org.tinyformer.training.RunDirectory;
import org.tinyformer.training.RunLock;
import org.tinyformer.training.RunSetup;
import org.tinyformer.training.StopRequest;
import org.tinyformer.training.TaskMetric;
import org.tinyformer.training.TrainConfig;
import org.tinyformer.training.TrainResult;
import org.tinyformer.training.Trainer;
import org.tinyformer.training.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer train}: trains a model from a preset or YAML config; with no arguments, the
 * built-in arithmetic task. Writes {@code runs/<name>/} and resumes it with {@code --resume}.
 */
@Command(
    name = "train",
    description = {
      "Train a language model. With no arguments: a small GPT learns 3-digit addition (about a"
          + " minute), then prints held-out accuracy and worked examples.",
      "Example: tinyformer train --preset shakespeare-char --data input.txt --set training.steps=500"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "A built-in config: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Presets.class)
  String preset;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A YAML config (sections name, data, model, training).")
  Path configFile;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "A UTF-8 text file, or a tokens.bin shard from 'tokenizer pretokenize', to train on"
              + " (sets data.kind=text).")
  Path data;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config value, e.g. training.learning_rate=1e-3 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description = "Where the run goes (default runs/<name>, or runs/<name>-2, ... if taken).")
  Path runDir;

  @Option(
      names = "--resume",
      description = "Continue the run in --run-dir (or runs/<name>) from its last checkpoint.")
  boolean resume;

  @Option(
      names = "--force",
      description =
          "Start over in a --run-dir that already holds a run: delete its log, config and"
              + " checkpoints first.")
  boolean force;

  @Option(
      names = "--fresh-optimizer",
      description =
          "With --resume: accept a checkpoint without optimizer state (or drop it) and start"
              + " fresh optimizer moments.")
  boolean freshOptimizer;

  @Option(
      names = "--model",
      paramLabel = "KIND",
      description = "Model kind: gpt, modern or handwritten (sets model.kind).")
  String model;

  static final class Presets extends ArrayList<String> {
    Presets() {
      super(TrainConfig.PRESETS);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (force && resume) {
      throw new IllegalArgumentException(
          "train: --force starts a new run and --resume continues one; pass only one of them");
    }
    if (freshOptimizer && !resume) {
      throw new IllegalArgumentException("train: --fresh-optimizer only applies with --resume");
    }
    PrintWriter out = spec.commandLine().getOut();
    TrainConfig config = resolveConfig();
    try (RunLock lock = lockRun(config)) {
      RunDirectory run = new RunDirectory(lock.root());
      out.printf("run directory: %s%n", run.root());
      lock.stalePid()
          .ifPresent(
              pid ->
                  out.printf(
                      "note: process %d trained this run and ended without releasing its lock"
                          + " (killed or crashed); taking it over%n",
                      pid));
      out.printf("config:%n%s", indent(config.toYaml()));
      StopRequest stop = new StopRequest();
      try (StopSignals signals = StopSignals.install(stop, spec.commandLine().getErr())) {
        TrainResult result = newTrainer(config, run, out).stopOn(stop).train();
        if (signals.received().isPresent() && result.steps() < config.training().steps()) {
          out.printf(
              "stopped at step %d of %d by %s; checkpoint %s%ncontinue with: tinyformer train"
                  + " --run-dir %s --resume%n",
              result.steps(),
              config.training().steps(),
              stop.reason().orElseThrow(),
              run.last(),
              run.root());
          return StopSignals.exitCode(signals.received().get());
        }
        printResult(out, result, run);
      }
    }
    return 0;
  }

  /** The trainer for a new run, or for the run's last checkpoint with {@code --resume}. */
  private Trainer newTrainer(TrainConfig config, RunDirectory run, PrintWriter out)
      throws IOException {
    if (resume) {
      LoadedRun loaded = Checkpoint.load(run.root());
      TrainingData d = RunSetup.data(config, loaded.tokenizer());
      out.printf("data: %s%n", d.describe());
      out.printf("resuming from %s (step %d)%n", loaded.checkpoint(), loaded.state().step());
      return newTrainer(config, loaded.modelKind(), loaded.model(), d, run)
          .resumeFrom(loaded, freshOptimizer);
    }
    TrainingData d = RunSetup.data(config, null);
    out.printf("data: %s%n", d.describe());
    LanguageModel m = RunSetup.model(config, d.tokenizer().vocabSize());
    out.printf("model: %s, %,d parameters%n", config.model().kind(), parameterCount(m));
    return newTrainer(config, config.model().kind(), m, d, run);
  }

  private Trainer newTrainer(
      TrainConfig config, String kind, LanguageModel m, TrainingData d, RunDirectory run) {
    ProgressBar bar =
        new ProgressBar(
            spec.commandLine().getOut(), Terminal.isInteractive(), config.training().steps());
    return new Trainer(config, kind, m, d, run, bar);
  }

  private TrainConfig resolveConfig() throws IOException {
    if (preset != null && configFile != null) {
      throw new IllegalArgumentException("train: pass either --preset or --config, not both");
    }
    TrainConfig base;
    if (resume
        && preset == null
        && configFile == null
        && runDir != null
        && Files.exists(runDir.resolve("config.yaml"))) {
      base = TrainConfig.load(runDir.resolve("config.yaml"));
    } else if (configFile != null) {
      base = TrainConfig.load(configFile);
    } else {
      base = TrainConfig.preset(preset != null ? preset : TrainConfig.DEFAULT_PRESET);
    }
    List<String> overrides = new ArrayList<>();
    if (data != null) {
      overrides.add("data.kind=text");
      overrides.add("data.path=" + data);
    }
    if (model != null) {
      overrides.add("model.kind=" + model);
    }
    overrides.addAll(sets);
    return base.with(overrides);
  }

  /**
   * Locks the run directory before anything reads or writes it: {@code --run-dir} (or {@code
   * runs/<name>} with {@code --resume} or {@code --force}) as given, else the first free {@code
   * runs/<name>}, {@code runs/<name>-2}, ...
   */
  private RunLock lockRun(TrainConfig config) throws IOException {
    Path preferred = runDir != null ? runDir : RunDirectory.defaultFor(config.name());
    if (resume) {
      return new RunDirectory(preferred).lockForResume();
    }
    if (runDir != null || force) {
      return new RunDirectory(preferred).lockForNewRun(force);
    }
    return RunDirectory.lockFresh(preferred);
  }

  private static long parameterCount(LanguageModel m) {
    return m.parameters().values().stream().mapToLong(t -> t.numel()).sum();
  }

  private static void printResult(PrintWriter out, TrainResult r, RunDirectory run) {
    out.printf(
        Locale.ROOT,
        "done: %d steps in %s, %.0f tokens/s; val loss %.4f (best %.4f)%n",
        r.steps(),
        Terminal.duration(r.seconds()),
        r.tokensPerSecond(),
        r.valLoss(),
        r.bestValLoss());
    r.metric().ifPresent(m -> printMetric(out, m));
    out.printf("checkpoints in %s; try: tinyformer eval --run %s%n", run.checkpoints(), run.root());
  }

  static void printMetric(PrintWriter out, TaskMetric.Result m) {
    out.printf(
        Locale.ROOT,
        "held-out %s: %.2f%% of %d problems%n",
        m.name().replace('_', ' '),
        100 * m.score(),
        m.cases());
    for (String example : m.examples()) {
      out.println("  " + example);
    }
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l + System.lineSeparator()).reduce("", String::concat);
  }
}
