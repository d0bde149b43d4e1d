package org.tinyformer.training;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.tasks.TaskBatches;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskSplits;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * A synthetic sequence task (copy, reverse, sort, add, duplicate) as training data: random training
 * examples (never held out) laid out for the encoder-decoder (source, then {@code START target} /
 * {@code target END}) or the decoder-only GPT ({@code START source SEP target END}, loss on the
 * target); validation batches walk through the held-out split; the metric is greedy-decoding
 * accuracy ({@link TaskAccuracy}). The vocabulary is saved as a word tokenizer.
 */
public final class TaskData implements TrainingData {
  private final TaskSettings task;
  private final boolean encoderDecoder;
  private final boolean sourceEnd;
  private final TaskSplits splits;
  private final Tokenizer tokenizer;

  /** The task of {@code task} for the model of {@code model} (its layout). */
  public TaskData(TaskSettings task, ModelSettings model) {
    this.task = task;
    this.encoderDecoder = model.encoderDecoder();
    this.sourceEnd = model.sourceEnd();
    this.splits = new TaskSplits(task.taskConfig());
    this.tokenizer = splits.vocabulary().tokenizer();
  }

  public TaskSplits splits() {
    return splits;
  }

  public TaskSettings task() {
    return task;
  }

  /** Whether batches are laid out for the encoder-decoder. */
  public boolean encoderDecoder() {
    return encoderDecoder;
  }

  /** {@code examples} as one batch in this run's layout. */
  public Batch batch(List<TaskExample> examples) {
    return TaskBatches.of(examples, encoderDecoder, sourceEnd);
  }

  /** Greedy-decoding prompts for {@code sources} (equal lengths for the decoder-only layout). */
  public Batch prompts(List<int[]> sources) {
    return TaskBatches.prompts(sources, encoderDecoder, sourceEnd);
  }

  /** The greedy decoding budget: the longest target of any split, plus slack. */
  public int maxOutputLength() {
    return task.longestTarget() + 2;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * The longest decoder sequence (T) of any split; the model's context must hold it (for the
   * encoder-decoder only with learned positions, which the model checks itself).
   */
  @Override
  public int sequenceLength(int contextLength) {
    int S = task.longestSource();
    int T = task.longestTarget();
    if (encoderDecoder) {
      return T + 1; // START target, or target END
    }
    int needed = S + T + 3; // START source SEP target END
    if (needed > contextLength) {
      throw new IllegalArgumentException(
          String.format(
              "config: model.context_length (%d) is shorter than the longest %s sequence"
                  + " START source SEP target END (%d tokens); set model.context_length=%d",
              contextLength, task.name(), needed, needed));
    }
    return needed - 1;
  }

  @Override
  public BatchSource trainBatches(int batchSize, int contextLength, long seed) {
    return TaskBatches.training(splits, batchSize, seed, encoderDecoder, sourceEnd);
  }

  @Override
  public BatchSource evalBatches(boolean validation, int batchSize, int contextLength, long seed) {
    return validation ? heldOutBatches(batchSize) : trainBatches(batchSize, contextLength, seed);
  }

  /** The held-out examples in order, wrapping around; the position is the next example's index. */
  private BatchSource heldOutBatches(int batchSize) {
    List<TaskExample> heldOut = splits.heldOut();
    return new BatchSource() {
      private long next;

      @Override
      public Batch next() {
        List<TaskExample> rows = new java.util.ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
          rows.add(heldOut.get((int) (next++ % heldOut.size())));
        }
        return batch(rows);
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
    return Optional.of(new TaskAccuracy(this));
  }

  @Override
  public String describe() {
    var c = splits.config();
    String generalisation =
        c.hasGeneralisationSplit()
            ? String.format(
                Locale.ROOT,
                " and %d length-generalisation examples (lengths %d-%d)",
                splits.generalisation().size(),
                c.maxLength() + 1,
                c.generalisationMaxLength())
            : "";
    return String.format(
        Locale.ROOT,
        "task %s: %d symbols, lengths %d-%d, %d held-out examples%s, %s layout, vocabulary of %d"
            + " ids",
        task.name(),
        c.vocabSize(),
        c.minLength(),
        c.maxLength(),
        splits.heldOut().size(),
        generalisation,
        encoderDecoder ? "encoder-decoder" : "decoder-only",
        new TaskVocabulary(c).size());
  }
}
