package org.tinyformer.models;

import java.util.Map;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * What the trainer, evaluators and generators need from any language model (the autograd {@code
 * Gpt}, the hand-written one). Token ids are int[] of B rows of T, row-major; target -1 is ignored.
 */
public interface LanguageModel {
  /** The architecture; all variants share {@link GptConfig}. */
  GptConfig config();

  /** Trainable tensors by key ({@code blocks.0.attn.qkv.weight}); optimizers update these. */
  Map<String, Tensor> parameters();

  /** Training mode (dropout on) or evaluation mode. */
  void setTraining(boolean training);

  /**
   * Forward and backward on one batch: accumulates into the parameters' gradients and returns the
   * mean cross-entropy over the targets that are not -1.
   */
  float forwardBackward(int[] inputs, int[] targets, int B, int T);

  /** Mean cross-entropy on one batch, without gradients (targets of -1 are ignored). */
  float loss(int[] inputs, int[] targets, int B, int T);

  /** Logits (B, T, V) flattened, without gradients. */
  float[] logits(int[] inputs, int B, int T);
}
