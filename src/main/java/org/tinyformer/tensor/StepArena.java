package org.tinyformer.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The float buffers of one training step, reused by the next: every step of a model builds the same
 * graph, so the k-th buffer a step asks for (an operation's output, a cache for its backward, an
 * activation's gradient) is handed the k-th buffer of the step before, zeroed, when the sizes
 * match; otherwise a new one, which is kept from then on. The steady state then allocates no large
 * arrays: no young collections copying a live graph of activations, and memory already paged in.
 *
 * <p>Only the tensor operations' own buffers come from here, and only inside {@link #run}: a
 * parameter's gradient (a leaf's), attention weights kept for inspection and anything made outside
 * a step are allocated as before. Nothing made inside {@code run} may be used after the next {@code
 * run} of the same arena starts. Buffers are kept up to {@link #MAX_BYTES_SHARE} of the heap per
 * arena; beyond it, a step allocates as before. One arena serves one thread at a time. Usage:
 * {@code arena.run(() -> { loss = model.forward(...); loss.backward(); ... })}.
 */
public final class StepArena {
  /** The share of the maximum heap one arena may keep between steps. */
  static final double MAX_BYTES_SHARE = 0.25;

  private static final ThreadLocal<StepArena> ACTIVE = new ThreadLocal<>();

  private final List<float[]> buffers = new ArrayList<>();
  private final long maxFloats = (long) (Runtime.getRuntime().maxMemory() * MAX_BYTES_SHARE / 4);
  private long keptFloats;
  private int next;
  private boolean keeping;

  /** Runs one step with this arena's buffers on the calling thread. */
  public void run(Runnable step) {
    StepArena outer = ACTIVE.get();
    ACTIVE.set(this);
    next = 0;
    keeping = true;
    try {
      step.run();
    } finally {
      if (outer == null) {
        ACTIVE.remove();
      } else {
        ACTIVE.set(outer);
      }
    }
  }

  /** n zeros: from the running step's arena when there is one, else a new array. */
  static float[] floats(int n) {
    StepArena arena = ACTIVE.get();
    return arena == null ? new float[n] : arena.take(n, true);
  }

  /**
   * n floats for an output the caller writes in full before anything reads it (a GEMM's result, a
   * norm's or an activation's output): a kept buffer is handed out as the last step left it, not
   * zeroed, which saves a pass over memory. Outside a step, a new (zero) array.
   */
  static float[] floatsToOverwrite(int n) {
    StepArena arena = ACTIVE.get();
    return arena == null ? new float[n] : arena.take(n, false);
  }

  private float[] take(int n, boolean zeroed) {
    if (next < buffers.size()) {
      float[] kept = buffers.get(next);
      if (kept.length == n) {
        next++;
        if (zeroed) {
          Arrays.fill(kept, 0f);
        }
        return kept;
      }
      List<float[]> rest = buffers.subList(next, buffers.size()); // the step changed shape here
      for (float[] b : rest) {
        keptFloats -= b.length;
      }
      rest.clear();
    }
    float[] fresh = new float[n];
    if (keeping && next == buffers.size() && keptFloats + n <= maxFloats) {
      buffers.add(fresh);
      keptFloats += n;
      next++;
    } else {
      keeping = false; // over the budget: the rest of this step allocates as before
    }
    return fresh;
  }
}
