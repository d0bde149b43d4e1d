package org.tinyformer.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Work;
import org.tinyformer.tensor.Tensor;

/**
 * The elements of a list of parameters cut into segments of at most {@link #SEGMENT} floats, so
 * that an elementwise pass over all of them (an optimizer update, a gradient scale, zeroing) runs
 * on every kernel thread at once however the sizes are spread: a small model's parameters are each
 * below one kernel's parallel threshold, so these passes used to run on the caller's thread while
 * the others waited. No element's result depends on the cut. Usage: {@code new
 * ParameterSegments(sizes).forEach((p, from, to) -> ...)}.
 */
final class ParameterSegments {
  /** Floats per segment: a multiple of {@link Work#ALIGN}, so vector loops keep full width. */
  static final int SEGMENT = 1 << 14;

  /** The body of a pass: elements {@code [from, to)} of parameter number {@code parameter}. */
  @FunctionalInterface
  interface Body {
    void run(int parameter, int from, int to);
  }

  private final int[] parameter; // (segments) the parameter each segment belongs to
  private final int[] from; // (segments) its first element
  private final int[] to; // (segments) one past its last element
  private final long total; // floats over all parameters

  /** Segments of the given parameters' elements, in order. */
  static ParameterSegments of(Tensor[] parameters) {
    int[] sizes = new int[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      sizes[i] = parameters[i].numel();
    }
    return new ParameterSegments(sizes);
  }

  /** Segments of parameters with {@code sizes[i]} elements each, in order. */
  ParameterSegments(int[] sizes) {
    List<int[]> segments = new ArrayList<>();
    long sum = 0;
    for (int p = 0; p < sizes.length; p++) {
      for (int i = 0; i < sizes[p]; i += SEGMENT) {
        segments.add(new int[] {p, i, Math.min(sizes[p], i + SEGMENT)});
      }
      sum += sizes[p];
    }
    this.parameter = segments.stream().mapToInt(s -> s[0]).toArray();
    this.from = segments.stream().mapToInt(s -> s[1]).toArray();
    this.to = segments.stream().mapToInt(s -> s[2]).toArray();
    this.total = sum;
  }

  /** Sets the gradients of {@code parameters} (those these segments were cut for) to zeros. */
  void zeroGrads(Tensor[] parameters) {
    for (Tensor p : parameters) {
      if (p.grad() == null) {
        p.zeroGrad(); // allocates zeros
      }
    }
    forEach((i, from, to) -> Arrays.fill(parameters[i].grad(), from, to, 0f));
  }

  /**
   * Runs {@code body} on every segment, in parallel when there is enough work for two threads;
   * segments of one parameter may run on different threads at once.
   */
  void forEach(Body body) {
    int n = parameter.length;
    int minChunk = total < 2L * Work.MIN_FLOATS ? Math.max(1, n) : 1; // small: one thread
    Parallel.forRange(
        n,
        minChunk,
        (s0, s1) -> {
          for (int s = s0; s < s1; s++) {
            body.run(parameter[s], from[s], to[s]);
          }
        });
  }
}
