package org.tinyformer.training.task;

import java.util.List;
import java.util.Map;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.tensor.Tensor;

/**
 * A model trained on a sequence task: the encoder-decoder ({@link EncDecTaskModel}) or the
 * decoder-only GPT reading {@code START source SEP target END} as one sequence ({@link
 * GptTaskModel}).
 */
public interface Seq2SeqModel {
  /** {@code encdec} or {@code gpt}. */
  String kind();

  Map<String, Tensor> parameters();

  void setTraining(boolean training);

  /** Forward and backward on a batch (accumulates gradients); returns the mean loss. */
  float forwardBackward(List<TaskExample> batch);

  /** Mean loss on a batch, no gradients. */
  float loss(List<TaskExample> batch);

  /** Greedy outputs (without END) for {@code sources}, at most {@code maxLength} tokens each. */
  int[][] predict(List<int[]> sources, int maxLength);
}
