package org.tinyformer.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything besides tensors that an exact resume needs, saved as a checkpoint's {@code
 * state.json}: steps and tokens done, the best validation loss, training time so far, the optimizer
 * kind and step count, and every random generator's state by role ({@code data}, {@code dropout}).
 */
public record TrainingState(
    long step,
    long tokens,
    double bestValLoss,
    double elapsedSeconds,
    String optimizer,
    int optimizerSteps,
    Map<String, long[]> rngStates) {

  public TrainingState {
    rngStates = new LinkedHashMap<>(rngStates);
  }

  /** The state of a run that has not started. */
  public static TrainingState initial(String optimizer) {
    return new TrainingState(0, 0, Double.POSITIVE_INFINITY, 0, optimizer, 0, Map.of());
  }
}
