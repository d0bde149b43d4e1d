package org.tinyformer.training;

import java.util.Optional;
import org.tinyformer.data.BatchSource;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * What a run trains and evaluates on: the tokenizer, an endless seeded source of training batches
 * (whose state a checkpoint saves) and fresh sources for evaluation. Implementations: {@link
 * TextData} (a text file or a tokens.bin shard), {@link LineData} (one example per line) and {@link
 * TaskData} (a synthetic sequence task, the built-in addition among them). A dataset of separate
 * examples (one per line, padded per batch) plugs in the same way: its batches carry {@link
 * org.tinyformer.data.Padding#IGNORE_INDEX} targets on padding, which the loss skips.
 */
public interface TrainingData {
  Tokenizer tokenizer();

  /**
   * Tokens per sequence (T) for a model with {@code contextLength} positions (the longest, when
   * batches are padded per batch); an error when the model's context cannot hold the data.
   */
  int sequenceLength(int contextLength);

  /** Training batches of {@code batchSize} sequences, seeded. */
  BatchSource trainBatches(int batchSize, int contextLength, long seed);

  /**
   * Batches for evaluation from the training ({@code validation = false}) or held-out data, seeded
   * so every evaluation sees the same batches.
   */
  BatchSource evalBatches(boolean validation, int batchSize, int contextLength, long seed);

  /** The task-specific metric at the end of training, when the data has one. */
  default Optional<TaskMetric> metric() {
    return Optional.empty();
  }

  /** One line describing the data, printed at start. */
  String describe();
}
