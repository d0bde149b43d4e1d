package org.tinyformer.optim;

/** A constant learning rate after an optional linear warmup. */
public record ConstantSchedule(float maxLr, int warmupSteps) implements LrSchedule {
  public ConstantSchedule {
    LrSchedule.validate(maxLr, 0f, warmupSteps, 0);
  }

  /** A constant rate with no warmup. */
  public ConstantSchedule(float lr) {
    this(lr, 0);
  }

  @Override
  public float lr(int step) {
    return step < warmupSteps ? maxLr * LrSchedule.warmupFactor(step, warmupSteps) : maxLr;
  }
}
