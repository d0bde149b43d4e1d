package org.tinyformer.tensor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.runtime.Parallel;

/**
 * Parameter gradients of a batch split into slices of rows (data-parallel training on one machine):
 * slice 0 accumulates into the parameters' own {@code grad}, every other slice into private buffers
 * of the same shapes, which {@link #reduce} adds to the parameters' in slice order and clears. The
 * result depends only on how the batch was sliced, not on which thread ran which slice. Usage:
 * {@code grads.backward(s, () -> loss.backward(seed))} on each slice's thread, then {@code
 * grads.reduce()}.
 */
public final class SliceGradients {
  private static final int SEGMENT = 1 << 14; // floats per reduction task

  /**
   * The buffers of the slice whose backward runs on this thread; null outside {@link #backward}.
   */
  private static final ThreadLocal<Map<Tensor, float[]>> REDIRECT = new ThreadLocal<>();

  private final List<Map<Tensor, float[]>> own; // slice s > 0 at index s - 1: (numel) per parameter
  private final List<Tensor> targets = new ArrayList<>(); // per reduction task: its parameter
  private final List<int[]> ranges = new ArrayList<>(); // per reduction task: {from, to}

  /** Zeroed private buffers for slices 1 .. slices - 1 of every parameter (allocated once). */
  public SliceGradients(Collection<Tensor> parameters, int slices) {
    Checks.check(slices >= 1, "slice gradients: slices must be >= 1, got %d", slices);
    this.own = new ArrayList<>();
    for (int s = 1; s < slices; s++) {
      Map<Tensor, float[]> buffers = new IdentityHashMap<>();
      for (Tensor p : parameters) {
        buffers.put(p, new float[p.numel()]); // (numel)
      }
      own.add(buffers);
    }
    for (Tensor p : parameters) {
      p.gradOrZeros(); // allocated now, not by two slices at once
      for (int from = 0; from < p.numel(); from += SEGMENT) {
        targets.add(p);
        ranges.add(new int[] {from, Math.min(p.numel(), from + SEGMENT)});
      }
    }
  }

  /** Equal slices of rows for a batch of B: the largest divisor of B up to {@code maxSlices}. */
  public static int sliceCount(int B, int maxSlices) {
    for (int s = Math.min(B, maxSlices); s > 1; s--) {
      if (B % s == 0) {
        return s;
      }
    }
    return 1;
  }

  public int slices() {
    return own.size() + 1;
  }

  /** The buffer slice {@code s} accumulates {@code parameter}'s gradient into. */
  public float[] of(int s, Tensor parameter) {
    return s == 0 ? parameter.gradOrZeros() : own.get(s - 1).get(parameter);
  }

  /**
   * Runs {@code backwardPass} on this thread with every parameter's gradient going to slice {@code
   * s}'s buffer (operations accumulate leaf gradients through {@link Tensor#gradOrZeros}).
   */
  public void backward(int s, Runnable backwardPass) {
    Map<Tensor, float[]> previous = REDIRECT.get();
    REDIRECT.set(s == 0 ? null : own.get(s - 1));
    try {
      backwardPass.run();
    } finally {
      REDIRECT.set(previous);
    }
  }

  /** Where this thread's backward accumulates {@code t}'s gradient instead of its own; or null. */
  static float[] redirected(Tensor t) {
    Map<Tensor, float[]> buffers = REDIRECT.get();
    return buffers == null ? null : buffers.get(t);
  }

  /** Adds slices 1, 2, ... (in that order) into the parameters' gradients and zeroes them. */
  public void reduce() {
    if (own.isEmpty()) {
      return;
    }
    Parallel.forRange(
        targets.size(),
        1,
        (t0, t1) -> {
          for (int t = t0; t < t1; t++) {
            Tensor p = targets.get(t);
            int[] range = ranges.get(t);
            for (Map<Tensor, float[]> buffers : own) {
              addAndClear(p.gradOrZeros(), buffers.get(p), range[0], range[1]);
            }
          }
        });
  }

  private static void addAndClear(float[] grad, float[] buffer, int from, int to) {
    for (int i = from; i < to; i++) {
      grad[i] += buffer[i];
      buffer[i] = 0f;
    }
  }
}
