package org.tinyformer.optim;

import java.util.Map;
import org.tinyformer.tensor.Tensor;

/**
 * Updates named parameters from their gradients. Implementations: {@link AdamW}, {@link Sgd}.
 *
 * <p>{@code opt.setLearningRate(schedule.lr(step)); opt.step(); opt.zeroGrad();}
 */
public interface Optimizer {
  /** One update of every parameter that has a gradient, at the current learning rate. */
  void step();

  /** Sets every parameter's gradient to zero. */
  void zeroGrad();

  /** The learning rate the next {@link #step()} uses. */
  void setLearningRate(float learningRate);

  float learningRate();

  /** Steps taken so far (restored with the state, so bias corrections continue exactly). */
  int stepCount();

  /** A short name: {@code adamw} or {@code sgd}. */
  String kind();

  /** The per-parameter buffers by name, e.g. {@code exp_avg.blocks.0.attn.qkv.weight} (live). */
  Map<String, Tensor> state();

  /** Restores buffers from {@link #state()} and the step count of a checkpoint. */
  void loadState(Map<String, Tensor> state, int stepCount);
}
