package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.training.RunDirectory;
import org.tinyformer.training.RunLock;
import org.tinyformer.training.task.TaskRunConfig;
import org.tinyformer.training.task.TaskTrainer;
import org.tinyformer.visualization.Png;
import org.tinyformer.visualization.TrainingCurves;
import org.tinyformer.visualization.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer task reverse [--model encdec|gpt] [--set k=v]... [--run-dir D] [--resume]}:
 * trains a model on a sequence task, evaluates it and writes its training curves.
 */
@Command(
    name = "task",
    description =
        "Train a model on a sequence task (copy, reverse, sort, add, duplicate), evaluate it on"
            + " held-out and longer sequences, and plot its curves.")
final class TaskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TASK",
      description = "copy, reverse, sort, add or duplicate")
  String task;

  @Option(names = "--model", description = "encdec (default) or gpt")
  String model;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. training.steps=500")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--run-dir",
      description = "Run directory (default: runs/<task>, or runs/<task>-N if taken)")
  Path runDir;

  @Option(
      names = "--resume",
      description = "Continue the run in --run-dir from its last checkpoint")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path preferred = runDir != null ? runDir : RunDirectory.defaultFor(task);
    try (RunLock lock = resume ? RunLock.acquire(preferred) : RunDirectory.lockFresh(preferred)) {
      return train(out, new RunDirectory(lock.root()));
    }
  }

  private int train(PrintWriter out, RunDirectory run) throws IOException {
    TaskRunConfig config;
    if (resume) {
      if (!Files.isRegularFile(run.configFile())) {
        throw new IllegalArgumentException(
            "task: nothing to resume in " + run.root() + " (no config.yaml)");
      }
      config = TaskRunConfig.parseYaml(Files.readString(run.configFile())).with(sets);
    } else {
      List<String> all = new ArrayList<>();
      if (model != null) {
        all.add("model.kind=" + model);
      }
      all.addAll(sets);
      config = TaskRunConfig.defaults(task).with(all);
    }
    out.println("run " + run.root());
    out.print(config.toYaml());
    out.flush();
    new TaskTrainer(config, run, out).train(resume);
    Path curves =
        Png.write(
            TrainingCurves.render(TrainingLog.read(run.logFile()), task),
            run.plots().resolve("curves.png"));
    out.println("curves " + curves);
    return 0;
  }
}
