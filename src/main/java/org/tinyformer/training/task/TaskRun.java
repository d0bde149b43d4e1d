package org.tinyformer.training.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.base.Rng;
import org.tinyformer.data.tasks.TaskSplits;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.training.RunDirectory;

/**
 * A finished (or checkpointed) task run loaded back: its config, task splits and model with the
 * weights of {@code checkpoints/last}. Used by {@code tinyformer attention} and {@code eval}.
 */
public record TaskRun(
    RunDirectory run, TaskRunConfig config, TaskSplits splits, Seq2SeqModel model) {

  /** Whether {@code dir} holds a task run (its config.yaml has a {@code task} section). */
  public static boolean isTaskRun(Path dir) {
    Path config = dir.resolve("config.yaml");
    try {
      return Files.isRegularFile(config)
          && Files.readAllLines(config).stream().anyMatch(l -> l.startsWith("task:"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Loads config, splits and the last checkpoint's weights of the run in {@code dir}. */
  public static TaskRun load(Path dir) throws IOException {
    RunDirectory run = new RunDirectory(dir);
    if (!isTaskRun(dir)) {
      throw new IllegalArgumentException(
          "task run: "
              + dir
              + " has no config.yaml with a task section; train one with `tinyformer task <name>"
              + " --run-dir "
              + dir
              + "`");
    }
    if (!Files.isDirectory(run.last())) {
      throw new IllegalArgumentException(
          "task run: " + dir + " has no checkpoints/last; it did not reach its first evaluation");
    }
    TaskRunConfig config = TaskRunConfig.parseYaml(Files.readString(run.configFile()));
    Seq2SeqModel model = TaskModels.create(config, new Rng(0));
    TaskCheckpoint.loadModel(run.last(), model);
    model.setTraining(false);
    return new TaskRun(run, config, new TaskSplits(config.taskConfig()), model);
  }

  public String taskName() {
    return config.text("task.name");
  }

  public TaskVocabulary vocabulary() {
    return splits.vocabulary();
  }

  /** The greedy decoding budget: the longest target of any split, plus slack. */
  public int maxOutputLength() {
    return TaskModels.longestTarget(config.taskConfig()) + 2;
  }
}
