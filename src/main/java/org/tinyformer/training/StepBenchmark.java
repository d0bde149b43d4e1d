package org.tinyformer.training;

import org.tinyformer.base.Rng;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.optim.AdamW;
import org.tinyformer.optim.GradientClipping;

/**
 * Times the trainer's step (zero grads, forward, backward, clip to norm 1, AdamW) on a fixed random
 * batch: the tinyformer side of scripts/bench/train-compare.sh, matching the PyTorch reference in
 * scripts/bench/train_step_torch.py step for step.
 */
public final class StepBenchmark {
  private final LanguageModel model;
  private final AdamW optimizer;
  private final int[] inputs;
  private final int[] targets;
  private final int batch;
  private final int context;

  /** A benchmark of {@code model} on one random (batch, context) batch drawn from {@code seed}. */
  public StepBenchmark(LanguageModel model, int batch, int context, long seed) {
    this.model = model;
    this.optimizer = new AdamW(model.parameters(), 1e-3f, 0.9f, 0.99f, 1e-8f, 0.1f);
    this.batch = batch;
    this.context = context;
    Rng rng = new Rng(seed);
    int vocab = model.config().vocabSize();
    inputs = new int[batch * context];
    targets = new int[batch * context];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = rng.nextInt(vocab);
      targets[i] = rng.nextInt(vocab);
    }
    model.setTraining(true);
  }

  /** One training step; returns its wall-clock milliseconds. */
  public double step() {
    long start = System.nanoTime();
    optimizer.zeroGrad();
    model.forwardBackward(inputs, targets, batch, context);
    GradientClipping.clip(model.parameters().values(), 1f);
    optimizer.step();
    return (System.nanoTime() - start) / 1e6;
  }
}
