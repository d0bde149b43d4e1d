package org.tinyformer.optim;

import org.tinyformer.base.Checks;

/**
 * The learning rate as a function of the (0-based) optimizer step. Implementations: {@link
 * ConstantSchedule}, {@link WarmupCosineSchedule} and {@link WarmupLinearSchedule}.
 *
 * <p>{@code LrSchedule s = LrSchedule.of("cosine", 1e-3f, 1e-4f, 100, 2000); float lr =
 * s.lr(step);}
 */
public interface LrSchedule {
  /** The learning rate to use for optimizer step {@code step} (0-based). */
  float lr(int step);

  /**
   * A schedule by name: {@code constant}, {@code cosine} or {@code linear}; the last two warm up
   * linearly for {@code warmupSteps}, then decay to {@code minLr} at {@code totalSteps}.
   */
  static LrSchedule of(String kind, float maxLr, float minLr, int warmupSteps, int totalSteps) {
    return switch (kind) {
      case "constant" -> new ConstantSchedule(maxLr, warmupSteps);
      case "cosine" -> new WarmupCosineSchedule(maxLr, minLr, warmupSteps, totalSteps);
      case "linear" -> new WarmupLinearSchedule(maxLr, minLr, warmupSteps, totalSteps);
      default ->
          throw new IllegalArgumentException(
              "lr schedule: expected one of constant, cosine, linear, got '" + kind + "'");
    };
  }

  /**
   * The linear warmup factor shared by every schedule: (step + 1) / (warmupSteps + 1), as nanoGPT.
   */
  static float warmupFactor(int step, int warmupSteps) {
    return (step + 1) / (float) (warmupSteps + 1);
  }

  /** Validates the arguments common to every schedule. */
  static void validate(float maxLr, float minLr, int warmupSteps, int totalSteps) {
    Checks.check(
        maxLr >= 0 && Float.isFinite(maxLr),
        "lr schedule: learning rate must be >= 0, got %s",
        maxLr);
    Checks.check(
        minLr >= 0 && minLr <= maxLr,
        "lr schedule: min lr must be in [0, learning rate %s], got %s",
        maxLr,
        minLr);
    Checks.check(warmupSteps >= 0, "lr schedule: warmup steps must be >= 0, got %d", warmupSteps);
    Checks.check(totalSteps >= 0, "lr schedule: total steps must be >= 0, got %d", totalSteps);
  }
}
