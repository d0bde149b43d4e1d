package org.tinyformer.optim;

/**
 * Linear warmup, then linear decay from {@code maxLr} to {@code minLr} at {@code totalSteps}, then
 * {@code minLr}.
 */
public record WarmupLinearSchedule(float maxLr, float minLr, int warmupSteps, int totalSteps)
    implements LrSchedule {
  public WarmupLinearSchedule {
    LrSchedule.validate(maxLr, minLr, warmupSteps, totalSteps);
  }

  @Override
  public float lr(int step) {
    if (step < warmupSteps) {
      return maxLr * LrSchedule.warmupFactor(step, warmupSteps);
    }
    if (step >= totalSteps) {
      return minLr;
    }
    double progress = (step - warmupSteps) / (double) (totalSteps - warmupSteps);
    return (float) (maxLr + progress * (minLr - maxLr));
  }
}
