package org.tinyformer.models.handwritten;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.tensor.Tensor;

/**
 * Where one slice of the batch accumulates its parameter gradients: the first slice into the
 * parameters' own {@code grad} buffers, every other slice into private buffers of the same shapes,
 * which {@link #reduction} then adds to the parameters' and clears. The sum runs in slice order, so
 * the result depends only on how the batch was sliced.
 */
final class SliceGrads {
  private static final int SEGMENT = 1 << 14; // floats per reduction task
  private final Map<Tensor, float[]> own; // null: write into the parameters' grad buffers

  private SliceGrads(Map<Tensor, float[]> own) {
    this.own = own;
  }

  /** The parameters' own gradient buffers. */
  static SliceGrads direct() {
    return new SliceGrads(null);
  }

  /** Zeroed private buffers, one per parameter. */
  static SliceGrads privateBuffers(Collection<Tensor> parameters) {
    Map<Tensor, float[]> own = new IdentityHashMap<>();
    for (Tensor p : parameters) {
      own.put(p, new float[p.data().length]);
    }
    return new SliceGrads(own);
  }

  /** The buffer this slice accumulates {@code t}'s gradient into; null for a null tensor. */
  float[] of(Tensor t) {
    if (t == null) {
      return null;
    }
    return own == null ? GptWeights.grad(t) : own.get(t);
  }

  /**
   * A task that adds the private buffers of {@code slices} (in order; direct ones are skipped) into
   * the parameters' grad buffers and zeroes them for the next step, in parallel over segments.
   * Built once, so running it allocates nothing.
   */
  static Runnable reduction(List<SliceGrads> slices, Collection<Tensor> parameters) {
    List<Tensor> targets = new ArrayList<>(); // grad buffers are allocated once, then reused
    List<float[][]> sources = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>(); // {from, to} within the parameter
    for (Tensor p : parameters) {
      float[][] own =
          slices.stream().filter(s -> s.own != null).map(s -> s.own.get(p)).toArray(float[][]::new);
      int n = p.data().length;
      for (int from = 0; from < n; from += SEGMENT) {
        GptWeights.grad(p); // allocates it now, not in parallel later
        targets.add(p);
        sources.add(own);
        ranges.add(new int[] {from, Math.min(n, from + SEGMENT)});
      }
    }
    return () ->
        Parallel.forRange(
            targets.size(),
            1,
            (s0, s1) -> {
              for (int s = s0; s < s1; s++) {
                int[] range = ranges.get(s);
                for (float[] source : sources.get(s)) {
                  addAndClear(targets.get(s).grad(), source, range[0], range[1]);
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
