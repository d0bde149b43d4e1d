package org.tinyformer.models.gpt;

import java.util.Arrays;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Reduction;
import org.tinyformer.tensor.SliceGradients;
import org.tinyformer.tensor.StepArena;
import org.tinyformer.tensor.Tensor;

/**
 * The autograd GPT's data-parallel training step: the batch is split into equal slices of rows, one
 * per kernel thread, and each thread builds and backpropagates the graph of its own slice with its
 * kernels single-threaded, so no operation pays a thread hand-off (the hand-written model's
 * scheme). The gradients are summed in slice order ({@link SliceGradients}), so for a given slice
 * count (the largest divisor of B up to the thread count) a step is bit-identical run to run. Each
 * slice's buffers come from its own {@link StepArena}, whichever thread runs it.
 */
final class SlicedStep {
  private static final int IGNORE_INDEX = -1;
  private final Gpt gpt;
  private SliceGradients gradients; // buffers for the last slice count, reused every step
  private StepArena[] arenas = new StepArena[0]; // each slice's activations, reused every step

  SlicedStep(Gpt gpt) {
    this.gpt = gpt;
  }

  /**
   * Accumulates the gradient of the batch's mean cross-entropy (over the {@code valid} targets that
   * are not -1) into every parameter's grad, in {@code slices} slices, and returns that mean.
   */
  float forwardBackward(int[] inputs, int[] targets, int B, int T, int slices, int valid) {
    if (gradients == null || gradients.slices() != slices) {
      gradients = new SliceGradients(gpt.namedParameters().values(), slices);
    }
    if (arenas.length != slices) {
      arenas = new StepArena[slices];
      Arrays.setAll(arenas, s -> new StepArena());
    }
    int rows = B / slices;
    float seed = 1f / valid; // d(mean)/d(slice sum), as the mean's backward scales it
    double[] sliceLoss = new double[slices];
    Parallel.forRange(
        slices,
        1,
        (s0, s1) -> {
          for (int s = s0; s < s1; s++) {
            int slice = s;
            arenas[s].run(() -> sliceLoss[slice] = slice(slice, inputs, targets, rows, T, seed));
          }
        });
    gradients.reduce();
    double total = 0;
    for (double loss : sliceLoss) {
      total += loss;
    }
    return (float) total * seed;
  }

  /**
   * The batch's mean cross-entropy over the {@code valid} targets that are not -1, without
   * gradients: each slice's forward on its own thread (evaluation), the slices' sums added in
   * order.
   */
  float loss(int[] inputs, int[] targets, int B, int T, int slices, int valid) {
    int rows = B / slices;
    double[] sliceLoss = new double[slices];
    Parallel.forRange(
        slices,
        1,
        (s0, s1) -> {
          try (var scope = GradMode.noGrad()) { // grad mode is per thread
            for (int s = s0; s < s1; s++) {
              int from = s * rows * T;
              int[] ids = Arrays.copyOfRange(inputs, from, from + rows * T); // (rows, T)
              int[] tgt = Arrays.copyOfRange(targets, from, from + rows * T); // (rows, T)
              Tensor logits = gpt.forward(ids, rows, T); // (rows, T, V)
              sliceLoss[s] =
                  Functional.crossEntropy(logits, tgt, IGNORE_INDEX, Reduction.SUM).item(); // ()
            }
          }
        });
    double total = 0;
    for (double loss : sliceLoss) {
      total += loss;
    }
    return (float) total * (1f / valid);
  }

  /** Forward and backward of rows {@code s * rows ..} on this thread; returns its summed loss. */
  private float slice(int s, int[] inputs, int[] targets, int rows, int T, float seed) {
    int from = s * rows * T;
    int[] ids = Arrays.copyOfRange(inputs, from, from + rows * T); // (rows, T)
    int[] tgt = Arrays.copyOfRange(targets, from, from + rows * T); // (rows, T)
    Tensor logits = gpt.forward(ids, rows, T); // (rows, T, V)
    Tensor loss = Functional.crossEntropy(logits, tgt, IGNORE_INDEX, Reduction.SUM); // ()
    gradients.backward(s, () -> loss.backward(Tensor.scalar(seed)));
    return loss.item();
  }

  /**
   * Targets that are not -1, after checking each is in the vocabulary (the whole-batch loss's own
   * message, so that slicing does not change which row an error names).
   */
  static int validTargets(int[] targets, int V) {
    int valid = 0;
    for (int r = 0; r < targets.length; r++) {
      Checks.check(
          targets[r] == IGNORE_INDEX || (targets[r] >= 0 && targets[r] < V),
          "crossEntropy: target %d at row %d is out of range for %d classes",
          targets[r],
          r,
          V);
      valid += targets[r] == IGNORE_INDEX ? 0 : 1;
    }
    return valid;
  }
}
