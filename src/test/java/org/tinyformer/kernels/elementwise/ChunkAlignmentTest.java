package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Work;

/**
 * Elementwise kernels split their range across threads at multiples of {@link Work#ALIGN}: a chunk
 * ending mid-vector would compute its last elements in the scalar tail, whose rounding can differ
 * from the vector path, and the bits would depend on the thread count. A size that splits into
 * chunks at unaligned points (200,003 elements) must give the same bits on the pool as on one
 * thread.
 */
class ChunkAlignmentTest {
  private static final int N = 200_003;

  @Test
  void geluAndExpGiveTheSameBitsOnThePoolAsOnOneThread() {
    Rng rng = new Rng(23);
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = (float) rng.nextGaussian() * 3f;
    }
    float[] pool = new float[N], single = new float[N];
    GeluKernel.forward(pool, x, N);
    oneThread(() -> GeluKernel.forward(single, x, N));
    assertThat(pool).as("gelu").containsExactly(single);
    ElementwiseKernel.exp(pool, x, N);
    oneThread(() -> ElementwiseKernel.exp(single, x, N));
    assertThat(pool).as("exp").containsExactly(single);
  }

  /** Runs {@code r} nested in a parallel loop, so every kernel inside stays on this thread. */
  private static void oneThread(Runnable r) {
    Parallel.forRange(
        2,
        1,
        (i0, i1) -> {
          if (i0 == 0) {
            r.run();
          }
        });
  }
}
