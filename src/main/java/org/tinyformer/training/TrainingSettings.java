package org.tinyformer.training;

import org.tinyformer.base.Checks;

/**
 * The {@code training:} section of a run config: optimizer, schedule, batch, evaluation and
 * checkpoint cadence. YAML keys are the snake_case component names ({@code learning_rate}). {@code
 * on_nonfinite} says what a step with a NaN/Inf loss or gradient norm does: {@code stop} the run
 * (default) or {@code skip} its update ({@link DivergenceGuard}). The schedule follows the steps
 * only; {@code time_limit} (seconds of training, 0 = none) may stop a run early, with a checkpoint
 * and the final evaluation, but never changes its learning rates. {@code dtype: bfloat16} trains in
 * mixed precision: float32 master weights and optimizer state, the Linear layers' matmul inputs
 * (weights, activations, and output gradients backward) rounded to bfloat16, float32 sums; the
 * attention score products stay float32.
 */
public record TrainingSettings(
    int steps,
    int batchSize,
    int gradAccumSteps,
    String optimizer,
    float learningRate,
    float minLr,
    String schedule,
    int warmupSteps,
    float weightDecay,
    float beta1,
    float beta2,
    float eps,
    float momentum,
    float gradClip,
    int evalInterval,
    int evalBatches,
    int logInterval,
    int checkpointInterval,
    int keepCheckpoints,
    long seed,
    String onNonfinite,
    float timeLimit,
    String dtype) {

  /** nanoGPT's small CPU recipe (shakespeare-char): the values a section inherits. */
  public static final TrainingSettings DEFAULTS =
      new TrainingSettings(
          2000, 12, 1, "adamw", 1e-3f, 1e-4f, "cosine", 100, 0.1f, 0.9f, 0.99f, 1e-8f, 0.9f, 1f,
          250, 20, 10, 500, 2, 1337L, "stop", 0f, "float32");

  public TrainingSettings {
    Checks.check(steps > 0, "config: training.steps must be positive, got %d", steps);
    Checks.check(batchSize > 0, "config: training.batch_size must be positive, got %d", batchSize);
    Checks.check(
        gradAccumSteps > 0,
        "config: training.grad_accum_steps must be positive, got %d",
        gradAccumSteps);
    Checks.check(
        optimizer.equals("adamw") || optimizer.equals("sgd"),
        "config: training.optimizer must be adamw or sgd, got '%s'",
        optimizer);
    Checks.check(
        schedule.equals("constant") || schedule.equals("cosine") || schedule.equals("linear"),
        "config: training.schedule must be constant, cosine or linear, got '%s'",
        schedule);
    Checks.check(
        learningRate > 0, "config: training.learning_rate must be positive, got %s", learningRate);
    Checks.check(
        minLr >= 0 && minLr <= learningRate,
        "config: training.min_lr must be in [0, learning_rate], got %s",
        minLr);
    Checks.check(
        warmupSteps >= 0, "config: training.warmup_steps must be >= 0, got %d", warmupSteps);
    Checks.check(
        gradClip >= 0, "config: training.grad_clip must be >= 0 (0 = off), got %s", gradClip);
    Checks.check(
        evalInterval >= 0,
        "config: training.eval_interval must be >= 0 (0 = off), got %d",
        evalInterval);
    Checks.check(
        evalBatches > 0, "config: training.eval_batches must be positive, got %d", evalBatches);
    Checks.check(
        logInterval > 0, "config: training.log_interval must be positive, got %d", logInterval);
    Checks.check(
        checkpointInterval >= 0,
        "config: training.checkpoint_interval must be >= 0 (0 = only at the end), got %d",
        checkpointInterval);
    Checks.check(
        keepCheckpoints >= 0,
        "config: training.keep_checkpoints must be >= 0, got %d",
        keepCheckpoints);
    Checks.check(
        onNonfinite.equals("stop") || onNonfinite.equals("skip"),
        "config: training.on_nonfinite must be stop or skip, got '%s'",
        onNonfinite);
    Checks.check(
        timeLimit >= 0 && Float.isFinite(timeLimit),
        "config: training.time_limit must be >= 0 seconds (0 = none), got %s",
        timeLimit);
    Checks.check(
        dtype.equals("float32") || dtype.equals("bfloat16"),
        "config: training.dtype must be float32 or bfloat16, got '%s'",
        dtype);
  }

  /** Tokens consumed by one optimizer step. */
  public long tokensPerStep(int contextLength) {
    return (long) batchSize * gradAccumSteps * contextLength;
  }
}
