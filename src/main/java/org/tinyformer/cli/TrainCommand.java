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
import org.tinyformer.training.RunSetup;
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
    PrintWriter out = spec.commandLine().getOut();
    TrainConfig config = resolveConfig();
    RunDirectory run = runDirectory(config);
    out.printf("run directory: %s%n", run.root());
    out.printf("config:%n%s", indent(config.toYaml()));
    Trainer trainer;
    if (resume) {
      LoadedRun loaded = Checkpoint.load(run.root());
      TrainingData d = RunSetup.data(config, loaded.tokenizer());
      out.printf("data: %s%n", d.describe());
      out.printf("resuming from %s (step %d)%n", loaded.checkpoint(), loaded.state().step());
      trainer = newTrainer(config, loaded.modelKind(), loaded.model(), d, run).resumeFrom(loaded);
    } else {
      TrainingData d = RunSetup.data(config, null);
      out.printf("data: %s%n", d.describe());
      LanguageModel m = RunSetup.model(config, d.tokenizer().vocabSize());
      out.printf("model: %s, %,d parameters%n", config.model().kind(), parameterCount(m));
      trainer = newTrainer(config, config.model().kind(), m, d, run);
    }
    TrainResult result = trainer.train();
    printResult(out, result, run);
    return 0;
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

  private RunDirectory runDirectory(TrainConfig config) {
    Path preferred = runDir != null ? runDir : RunDirectory.defaultFor(config.name());
    RunDirectory run = new RunDirectory(preferred);
    if (resume) {
      if (!run.hasCheckpoints()) {
        throw new IllegalArgumentException(
            "train: nothing to resume in "
                + preferred
                + " (no checkpoints/last); start it without --resume");
      }
      return run;
    }
    if (runDir != null && run.hasCheckpoints()) {
      throw new IllegalArgumentException(
          "train: "
              + preferred
              + " already holds a run; pass --resume to continue it, or another --run-dir");
    }
    return runDir != null ? run : RunDirectory.fresh(preferred);
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
