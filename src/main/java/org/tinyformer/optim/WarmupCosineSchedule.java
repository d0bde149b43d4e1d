package org.tinyformer.optim;

/**
 * Linear warmup, then cosine decay from {@code maxLr} to {@code minLr} at {@code totalSteps}, then
 * {@code minLr}: lr = min + (max - min) * (1 + cos(pi * progress)) / 2 (nanoGPT's {@code get_lr}).
 */
public record WarmupCosineSchedule(float maxLr, float minLr, int warmupSteps, int totalSteps)
    implements LrSchedule {
  public WarmupCosineSchedule {
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
    double coefficient = 0.5 * (1.0 + Math.cos(Math.PI * progress));
    return (float) (minLr + coefficient * (maxLr - minLr));
  }
}
