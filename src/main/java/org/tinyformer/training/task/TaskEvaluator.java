package org.tinyformer.training.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskMetrics;

/**
 * Greedy-decodes a split in batches and scores the outputs with {@link TaskMetrics}
 * (exact-sequence, token and per-position accuracy).
 */
public final class TaskEvaluator {
  private final int batchSize;

  public TaskEvaluator(int batchSize) {
    this.batchSize = batchSize;
  }

  /** The predictions of {@code model} for every example, in order. */
  public List<int[]> predictAll(Seq2SeqModel model, List<TaskExample> examples) {
    List<int[]> out = new ArrayList<>(examples.size());
    model.setTraining(false);
    try {
      for (int i = 0; i < examples.size(); i += batchSize) {
        List<TaskExample> chunk = examples.subList(i, Math.min(examples.size(), i + batchSize));
        int longest = chunk.stream().mapToInt(e -> e.target().length).max().orElse(1);
        List<int[]> sources = chunk.stream().map(TaskExample::source).toList();
        out.addAll(Arrays.asList(model.predict(sources, longest + 2)));
      }
    } finally {
      model.setTraining(true);
    }
    return out;
  }

  /** Scores of {@code model} on {@code examples}. */
  public TaskMetrics.Score evaluate(Seq2SeqModel model, List<TaskExample> examples) {
    List<int[]> expected = examples.stream().map(TaskExample::target).toList();
    return TaskMetrics.score(predictAll(model, examples), expected);
  }
}
