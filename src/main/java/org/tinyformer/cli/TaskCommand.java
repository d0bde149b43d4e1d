package org.tinyformer.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer task reverse [--model encdec|gpt] [--set k=v]... [--run-dir D] [--resume]}: the
 * task's preset ({@code configs/<task>.yaml}) through the one trainer, as {@code tinyformer train
 * --preset reverse} would; evaluates it on the held-out and longer sequences and writes its curves.
 */
@Command(
    name = "task",
    description =
        "Train a model on a sequence task (copy, reverse, sort, add, duplicate), evaluate it on"
            + " held-out and longer sequences, and plot its curves (the same as train --preset"
            + " TASK).")
final class TaskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TASK",
      description = "copy, reverse, sort, add or duplicate")
  String task;

  @Option(
      names = "--model",
      description = "encdec (default: the encoder-decoder) or gpt (decoder-only)")
  String model;

  @Mixin RunOptions run;

  @Override
  public Integer call() throws IOException {
    run.check("task");
    String name = TaskKind.parse(task).label();
    List<String> overrides = new ArrayList<>();
    if (model != null) {
      if (!model.equals("encdec") && !model.equals("gpt")) {
        throw new IllegalArgumentException(
            "task: --model must be encdec or gpt, got '" + model + "'");
      }
      overrides.add("model.kind=" + model);
      overrides.add("model.positions=" + (model.equals("gpt") ? "learned" : "sinusoidal"));
    }
    overrides.addAll(run.sets);
    TrainConfig config = run.resume ? RunTraining.savedConfig(run.runDir, overrides) : null;
    if (config == null) {
      config = TrainConfig.preset(name).with(overrides);
    }
    return RunTraining.train(config, run, RunTraining.initRun(run), spec);
  }
}
