package org.tinyformer.training.task;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The task branch of {@code tinyformer eval --run D}: when D is a task run, reloads it and reports
 * exact-sequence, token and per-position accuracy on the held-out and length-generalisation splits.
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
    out.flush();
    return report;
  }
}
