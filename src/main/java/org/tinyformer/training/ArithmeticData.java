package org.tinyformer.training;

import java.util.List;
import java.util.Optional;
import org.tinyformer.data.ArithmeticTask;
import org.tinyformer.data.ArithmeticTask.Problem;
import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.Padding;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * The built-in addition task as training data: one problem per row ({@code 012+456=8640}, the sum
 * reversed by default), loss on the answer only. Validation batches walk through the held-out
 * problems, and the end-of-run metric is their exact-match accuracy under greedy decoding.
 */
public final class ArithmeticData implements TrainingData {
  private final ArithmeticTask task;
  private final Tokenizer tokenizer = ArithmeticTask.tokenizer();

  public ArithmeticData(ArithmeticTask task) {
    this.task = task;
  }

  /** The task a data section describes; the held-out set is fixed by the run's seed. */
  public static ArithmeticData of(DataSettings data, long seed) {
    return new ArithmeticData(
        new ArithmeticTask(data.digits(), data.heldOut(), seed, data.reverseAnswer()));
  }

  public ArithmeticTask task() {
    return task;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int sequenceLength(int contextLength) {
    int t = task.lineLength() - 1;
    if (t > contextLength) {
      throw new IllegalArgumentException(
          String.format(
              "config: model.context_length (%d) is shorter than an arithmetic line (%d tokens)",
              contextLength, t));
    }
    return t;
  }

  @Override
  public BatchSource trainBatches(int batchSize, int contextLength, long seed) {
    return task.sampler(batchSize, seed);
  }

  @Override
  public BatchSource evalBatches(boolean validation, int batchSize, int contextLength, long seed) {
    return validation ? heldOutBatches(batchSize) : task.sampler(batchSize, seed);
  }

  /** The held-out problems in order, wrapping around; the position is the next problem's index. */
  private BatchSource heldOutBatches(int batchSize) {
    List<Problem> problems = task.heldOut();
    int T = task.lineLength() - 1;
    return new BatchSource() {
      private long next;

      @Override
      public Batch next() {
        int[] inputs = new int[batchSize * T]; // (B, T)
        int[] targets = new int[batchSize * T]; // (B, T)
        for (int b = 0; b < batchSize; b++) {
          Problem p = problems.get((int) (next++ % problems.size()));
          int answerStart = task.prompt(p).length();
          int[] ids = tokenizer.encode(task.line(p));
          System.arraycopy(ids, 0, inputs, b * T, T);
          for (int t = 0; t < T; t++) {
            targets[b * T + t] = t + 1 >= answerStart ? ids[t + 1] : Padding.IGNORE_INDEX;
          }
        }
        return new Batch(inputs, targets, batchSize, T);
      }

      @Override
      public long[] state() {
        return new long[] {next};
      }

      @Override
      public void restore(long[] state) {
        next = state[0];
      }
    };
  }

  @Override
  public Optional<TaskMetric> metric() {
    return Optional.of(new ArithmeticAccuracy(task, tokenizer));
  }

  @Override
  public String describe() {
    return String.format(
        "arithmetic: %d-digit addition, lines like %s, %d held-out problems",
        (task.lineLength() - 4) / 3,
        task.line(task.sample(new org.tinyformer.base.Rng(1))).strip(),
        task.heldOut().size());
  }
}
