package org.tinyformer.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Checks;

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
    Checks.check(
        step >= 0 && tokens >= 0 && optimizerSteps >= 0,
        "training state: step %d, tokens %d and optimizer steps %d must be >= 0",
        step,
        tokens,
        optimizerSteps);
    Checks.check(
        tokens == 0 || tokens >= step,
        "training state: step %d is more than the %d tokens trained (a step trains at least one"
            + " token)",
        step,
        tokens);
    Checks.check(
        Double.isFinite(elapsedSeconds) && elapsedSeconds >= 0,
        "training state: elapsed seconds must be finite and >= 0, got %s",
        elapsedSeconds);
    rngStates = new LinkedHashMap<>(rngStates == null ? Map.of() : rngStates);
    rngStates.forEach(
        (role, s) ->
            Checks.check(
                s != null && s.length == 4 && (s[0] | s[1] | s[2] | s[3]) != 0,
                "training state: generator '%s' must have 4 longs, not all zero, got %s",
                role,
                Arrays.toString(s)));
  }

  /** The state of a run that has not started. */
  public static TrainingState initial(String optimizer) {
    return new TrainingState(0, 0, Double.POSITIVE_INFINITY, 0, optimizer, 0, Map.of());
  }
}
