package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.models.encdec.EncDecConfig;
import org.tinyformer.training.ModelSettings;
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
import org.tinyformer.visualization.Png;
import org.tinyformer.visualization.TrainingCurves;
import org.tinyformer.visualization.TrainingLog;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one path from a resolved config to a finished run, shared by {@code train} and {@code task}:
 * locks the run directory, builds data and model (or loads the last checkpoint on {@code
 * --resume}), trains with the one {@link Trainer}, prints the summary and the task metric, and
 * draws {@code plots/curves.png}.
 */
final class RunTraining {
  private RunTraining() {}

  /**
   * The saved {@code config.yaml} of the run to resume, with {@code overrides}; null when there is
   * none (then the caller resolves a preset or file).
   */
  static TrainConfig savedConfig(Path runDir, List<String> overrides) throws IOException {
    if (runDir == null || !Files.exists(runDir.resolve("config.yaml"))) {
      return null;
    }
    return TrainConfig.load(runDir.resolve("config.yaml")).with(overrides);
  }

  /**
   * Trains {@code config} as {@code options} say; returns the exit code: 0, or after SIGINT/SIGTERM
   * stopped the run at a step boundary, 130/143 with how to resume.
   */
  static int train(TrainConfig config, RunOptions options, CommandSpec spec) throws IOException {
    return train(config, options, null, spec);
  }

  /**
   * As {@link #train(TrainConfig, RunOptions, CommandSpec)}; with {@code init} (the run {@code
   * --init-from} names, see {@link #initRun}) the new run starts from its model, weights and
   * tokenizer, and the config's model section becomes that model's.
   */
  static int train(TrainConfig config, RunOptions options, LoadedRun init, CommandSpec spec)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (init != null) {
      config = withModelOf(config, init);
    }
    try (RunLock lock = lockRun(config, options)) {
      RunDirectory run = new RunDirectory(lock.root());
      out.printf("run directory: %s%n", run.root());
      lock.stalePid()
          .ifPresent(
              pid ->
                  out.printf(
                      "note: process %d trained this run and ended without releasing its lock"
                          + " (killed or crashed); taking it over%n",
                      pid));
      ProgressBar bar = new ProgressBar(out, Terminal.isInteractive(), config.training().steps());
      StopRequest stop = new StopRequest();
      try (StopSignals signals = StopSignals.install(stop, spec.commandLine().getErr())) {
        // the resolved config is printed once the data and model are built and checked, so an
        // error (a missing file, a split shorter than the context) is not buried under it
        StringWriter setup = new StringWriter();
        Trainer trainer = newTrainer(config, run, options, init, bar, new PrintWriter(setup, true));
        out.printf("config:%n%s", indent(config.toYaml()));
        out.print(setup);
        TrainResult result = trainer.stopOn(stop).train();
        if (signals.received().isPresent() && result.steps() < config.training().steps()) {
          out.printf(
              "stopped at step %d of %d by %s; checkpoint %s%ncontinue with: tinyformer %s"
                  + " --run-dir %s --resume%n",
              result.steps(),
              config.training().steps(),
              stop.reason().orElseThrow(),
              run.last(),
              spec.name().equals("task") ? "task " + config.task().name() : spec.name(),
              run.root());
          return StopSignals.exitCode(signals.received().get());
        }
        printResult(out, result, run);
      }
      Path curves =
          Png.write(
              TrainingCurves.render(TrainingLog.read(run.logFile()), config.name()),
              run.plots().resolve("curves.png"));
      out.printf("curves: %s%n", curves);
    }
    return 0;
  }

  /** The run {@code --init-from} names, read (weights checked), or null without the option. */
  static LoadedRun initRun(RunOptions options) throws IOException {
    return options.initFrom == null ? null : Checkpoint.load(options.initFrom);
  }

  /**
   * {@code config} with the model section of {@code init}'s model: what the copied weights are, so
   * that {@code config.yaml} describes the run (a resume rebuilds the model from the checkpoint).
   */
  private static TrainConfig withModelOf(TrainConfig config, LoadedRun init) {
    ModelSettings m = config.model();
    Record c = init.model().config();
    ModelSettings from;
    if (c instanceof GptConfig g) {
      from =
          new ModelSettings(
              init.modelKind(),
              g.numLayers(),
              g.numHeads(),
              g.embedDim(),
              g.contextLength(),
              g.dropout(),
              g.bias(),
              "learned",
              false);
    } else if (c instanceof EncDecConfig e) {
      from =
          new ModelSettings(
              init.modelKind(),
              e.numLayers(),
              e.numHeads(),
              e.embedDim(),
              e.contextLength(),
              e.dropout(),
              m.bias(),
              e.positions().name().toLowerCase(Locale.ROOT),
              m.sourceEnd());
    } else {
      throw new IllegalArgumentException(
          "train: --init-from " + init.checkpoint() + " holds an unknown model " + c);
    }
    return new TrainConfig(config.name(), config.data(), config.task(), from, config.training());
  }

  /**
   * The trainer for a new run, for the run's last checkpoint with {@code --resume}, or for a new
   * run from the weights of {@code init} (step 0, optimizer fresh).
   */
  private static Trainer newTrainer(
      TrainConfig config,
      RunDirectory run,
      RunOptions options,
      LoadedRun init,
      ProgressBar bar,
      PrintWriter out)
      throws IOException {
    if (init != null) {
      TrainingData d = RunSetup.data(config, init.tokenizer());
      out.printf("data: %s%n", d.describe());
      out.printf(
          "initialised from %s (step %d): %s model, %,d parameters; optimizer fresh%n",
          init.checkpoint(), init.state().step(), init.modelKind(), init.model().parameterCount());
      return new Trainer(config, init.modelKind(), init.model(), d, run, bar);
    }
    if (options.resume) {
      LoadedRun loaded = Checkpoint.load(run.root());
      TrainingData d = RunSetup.data(config, loaded.tokenizer());
      out.printf("data: %s%n", d.describe());
      out.printf("resuming from %s (step %d)%n", loaded.checkpoint(), loaded.state().step());
      return new Trainer(config, loaded.modelKind(), loaded.model(), d, run, bar)
          .resumeFrom(loaded, options.freshOptimizer);
    }
    TrainingData d = RunSetup.data(config, null);
    out.printf("data: %s%n", d.describe());
    TrainableModel m = RunSetup.model(config, d.tokenizer().vocabSize());
    out.printf("model: %s, %,d parameters%n", config.model().kind(), m.parameterCount());
    return new Trainer(config, config.model().kind(), m, d, run, bar);
  }

  /**
   * Locks the run directory before anything reads or writes it: {@code --run-dir} (or {@code
   * runs/<name>} with {@code --resume} or {@code --force}) as given, else the first free {@code
   * runs/<name>}, {@code runs/<name>-2}, ...
   */
  private static RunLock lockRun(TrainConfig config, RunOptions options) throws IOException {
    Path preferred =
        options.runDir != null ? options.runDir : RunDirectory.defaultFor(config.name());
    if (options.resume) {
      return new RunDirectory(preferred).lockForResume();
    }
    if (options.runDir != null || options.force) {
      return new RunDirectory(preferred).lockForNewRun(options.force);
    }
    return RunDirectory.lockFresh(preferred);
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

  /** The lines of a task metric. */
  static void printMetric(PrintWriter out, TaskMetric.Result m) {
    m.lines().forEach(out::println);
    out.flush();
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l + System.lineSeparator()).reduce("", String::concat);
  }
}
