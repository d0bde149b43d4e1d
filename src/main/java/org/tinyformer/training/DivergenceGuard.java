package org.tinyformer.training;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tinyformer.tensor.NanCheck;
import org.tinyformer.tensor.Tensor;

/**
 * Catches a diverging run before it spoils its checkpoints: a step whose loss or gradient norm is
 * NaN or Inf never reaches the weights; it stops the run ({@code training.on_nonfinite: stop}) with
 * a message naming the step, the last finite loss and the checkpoint to resume from, or is skipped
 * ({@code skip}, counted; {@value #MAX_SKIPS_IN_A_ROW} in a row stop the run, as do non-finite
 * weights, which skipping cannot mend). Weights are checked before every checkpoint, so none is
 * written with NaN/Inf and rotation always keeps the newest finite one.
 */
final class DivergenceGuard {
  /** Skipped steps in a row after which skipping gives up: the run is not coming back. */
  static final int MAX_SKIPS_IN_A_ROW = 10;

  private final boolean skip;
  private int skippedInARow;
  private long lastFiniteStep; // 0: no finite loss yet
  private float lastFiniteLoss = Float.NaN;
  private long skipped;

  DivergenceGuard(TrainingSettings settings) {
    this.skip = settings.onNonfinite().equals("skip");
  }

  /**
   * What is not finite about step {@code step} ("loss is NaN", "gradient norm is +Inf"); empty when
   * both are finite, and then its loss is the last finite one.
   */
  Optional<String> check(long step, float loss, double gradNorm) {
    if (!Float.isFinite(loss)) {
      return Optional.of("loss is " + loss);
    }
    if (!Double.isFinite(gradNorm)) {
      return Optional.of("gradient norm is " + gradNorm);
    }
    lastFiniteStep = step;
    lastFiniteLoss = loss;
    skippedInARow = 0;
    return Optional.empty();
  }

  /** What is not finite among the weights, e.g. "blocks.0.mlp.fc.weight holds NaN at ...". */
  static Optional<String> checkWeights(Map<String, Tensor> parameters) {
    return NanCheck.firstNonFinite(parameters).map(p -> "weights are not finite (" + p + ")");
  }

  /** True when a non-finite step is skipped rather than stopping the run. */
  boolean skips() {
    return skip;
  }

  /** Counts one skipped step; returns the count so far. */
  long countSkipped() {
    skippedInARow++;
    return ++skipped;
  }

  /** True once {@link #MAX_SKIPS_IN_A_ROW} steps in a row were skipped. */
  boolean givesUp() {
    return skippedInARow >= MAX_SKIPS_IN_A_ROW;
  }

  /** Skipped steps so far (restored from the log on resume). */
  long skipped() {
    return skipped;
  }

  void restoreSkipped(long count) {
    skipped = count;
  }

  /**
   * The one-line message that ends a diverged run; {@code checkpoint} is the newest checkpoint
   * written ({@code step}, path), empty when there is none yet.
   */
  String stopMessage(long step, String problem, Optional<Map.Entry<Long, String>> checkpoint) {
    String last =
        lastFiniteStep == 0
            ? "no finite loss before it"
            : String.format(
                Locale.ROOT,
                Math.abs(lastFiniteLoss) < 1e6
                    ? "last finite loss %.4f at step %d"
                    : "last finite loss %.4g at step %d",
                lastFiniteLoss,
                lastFiniteStep);
    String next =
        checkpoint
            .map(
                c ->
                    "resume from "
                        + c.getValue()
                        + " (step "
                        + c.getKey()
                        + ") with --resume and a lower training.learning_rate")
            .orElse(
                "no checkpoint was written yet: start over with --force and a lower"
                    + " training.learning_rate");
    return "train: " + problem + " at step " + step + " (" + last + "); " + next;
  }
}
