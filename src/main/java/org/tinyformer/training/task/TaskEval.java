package org.tinyformer.training.task;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.data.tasks.TaskSplits;

/**
 * The task branch of {@code tinyformer eval --run D}: when D is a task run, reloads it and reports
 * exact-sequence, token and per-position accuracy on the held-out and length-generalisation splits,
 * and for copy/reverse/duplicate how much of the cross-attention follows the expected pattern.
 * {@code if (TaskEval.isTaskRun(dir)) { TaskEval.run(dir, out); return 0; }}
 */
public final class TaskEval {
  private TaskEval() {}

  /** Whether {@code dir} is a task run (trained by {@code tinyformer task}). */
  public static boolean isTaskRun(Path dir) {
    return TaskRun.isTaskRun(dir);
  }

  /** Evaluates the task run in {@code dir}, prints the report and returns it. */
  public static TaskReport run(Path dir, PrintWriter out) throws IOException {
    TaskRun run = TaskRun.load(dir);
    TaskReport report =
        TaskReport.evaluate(run.model(), run.splits(), run.config().integer("training.batch_size"));
    out.print(report.describe());
    alignment(run.model(), run.splits(), run.config().integer("training.batch_size"))
        .ifPresent(out::println);
    out.flush();
    return report;
  }

  /**
   * For an encoder-decoder on copy, reverse or duplicate: the cross-attention mass on the task's
   * pattern per layer, on the held-out split ({@link CrossAttentionAlignment}).
   */
  public static Optional<String> alignment(Seq2SeqModel model, TaskSplits splits, int batchSize) {
    TaskKind kind = splits.config().kind();
    if (!(model instanceof EncDecTaskModel encdec) || !CrossAttentionAlignment.hasPattern(kind)) {
      return Optional.empty();
    }
    List<TaskExample> examples = splits.heldOut();
    double[] mass = CrossAttentionAlignment.massPerLayer(encdec, kind, examples, batchSize);
    return Optional.of(CrossAttentionAlignment.describe(kind, mass, examples.size()));
  }
}
