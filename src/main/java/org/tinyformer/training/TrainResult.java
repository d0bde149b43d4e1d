package org.tinyformer.training;

import java.util.Optional;

/**
 * The summary of a training run: steps done, the last training and validation losses, the best
 * validation loss, wall-clock seconds (over resumed sessions too), training throughput and the task
 * metric when the data has one.
 */
public record TrainResult(
    long steps,
    double trainLoss,
    double valLoss,
    double bestValLoss,
    double seconds,
    double tokensPerSecond,
    Optional<TaskMetric.Result> metric) {}
