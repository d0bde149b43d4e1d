package org.tinyformer.kernels.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * GemmKernel's fast paths against GemmPlain over a shape grid, in every layout and threading mode.
 */
class GemmKernelTest {
  private static final int[] GRID = {1, 5, 16, 17, 33, 100, 130};

  /** One way of running the fast kernel: which path and whether it may use the pool. */
  private record Mode(String name, boolean vector, boolean parallel) {}

  private static List<Mode> modes() {
    List<Mode> modes = new ArrayList<>();
    if (Simd.AVAILABLE) {
      modes.add(new Mode("vector, threads", true, true));
      modes.add(new Mode("vector, one thread", true, false));
    }
    modes.add(new Mode("plain java, threads", false, true));
    modes.add(new Mode("plain java, one thread", false, false));
    return modes;
  }

  @Test
  void vectorPathIsAvailableInTests() {
    // surefire enables the incubator module, so the grid below covers the Vector API path
    assertThat(Simd.AVAILABLE).isTrue();
  }

  @Test
  void matchesPlainOverShapeGrid() {
    Rng rng = new Rng(1);
    for (Mode mode : modes()) {
      for (int M : GRID) {
        for (int K : GRID) {
          for (int N : GRID) {
            for (GemmKernel.Layout layout : GemmKernel.Layout.values()) {
              checkAgainstPlain(rng, mode, layout, M, K, N, (M + K + N) % 2 == 0);
            }
          }
        }
      }
    }
  }

  @Test
  void matchesPlainAcrossCacheBlockBoundaries() {
    Rng rng = new Rng(2);
    int[][] shapes = {
      {200, 600, 70},
      {7, 3, 4200},
      {97, 1100, 33},
      {301, 64, 1030},
      {4, 2, 65},
      // aᵀ·b through packed micro-panels (N > COLUMN_KERNEL_MAX_N): M not a multiple of MR, K past
      // KC, and a last panel of b wider than a vector, narrower than one and within DOT_MAX
      {97, 1100, 150},
      {200, 530, 140},
      {103, 700, 133},
      // a·b and a·bᵀ with a's rows packed (N >= PACK_A_MIN_N), K past KC, last panel for dots
      {45, 600, 261}
    };
    for (Mode mode : modes()) {
      for (int[] s : shapes) {
        for (GemmKernel.Layout layout : GemmKernel.Layout.values()) {
          checkAgainstPlain(rng, mode, layout, s[0], s[1], s[2], true);
          checkAgainstPlain(rng, mode, layout, s[0], s[1], s[2], false);
        }
      }
    }
  }

  @Test
  void givesTheSameBitsOnOneThreadAndOnThePool() {
    Rng rng = new Rng(6);
    // split by columns (small), by rows (larger), column kernel plus rows (aᵀ·b, N <= 128)
    int[][] shapes = {
      {768, 128, 384}, {45, 600, 261}, {301, 64, 1030}, {250, 700, 300}, {200, 600, 70}
    };
    for (int[] s : shapes) {
      int M = s[0];
      int K = s[1];
      int N = s[2];
      float[] a = random(rng, M * K);
      float[] b = random(rng, K * N);
      for (GemmKernel.Layout layout : GemmKernel.Layout.values()) {
        float[] one = random(rng, M * N);
        float[] pool = one.clone();
        GemmKernel.run(layout, true, false, one, 0, a, 0, b, 0, M, K, N, true);
        GemmKernel.run(layout, true, true, pool, 0, a, 0, b, 0, M, K, N, true);
        assertThat(pool).as("%s M=%d K=%d N=%d", layout, M, K, N).isEqualTo(one);
      }
    }
  }

  @Test
  void packsTransposedAIntoZeroPaddedMicroPanels() {
    Rng rng = new Rng(4);
    int M = 40;
    int K = 30;
    int mr = GemmVectorTiles.MR;
    int stride = 20 * mr + 16;
    for (int mc : new int[] {1, 5, 6, 17, 36}) {
      float[] a = random(rng, 2 + K * M); // (K, M) from offset 2
      float[] ap = new float[(mc + mr - 1) / mr * stride];
      Arrays.fill(ap, Float.NaN);
      int ic = M - mc; // the last rows, so that runs reach the end of a
      GemmVectorPacking.packTransposedA(a, 2, M, ic, mc, 7, 20, mr, ap, stride);
      for (int p = 0; p < mc; p += mr) {
        for (int k = 0; k < 20; k++) {
          for (int r = 0; r < mr; r++) {
            float want = p + r < mc ? a[2 + (7 + k) * M + ic + p + r] : 0f;
            assertThat(ap[p / mr * stride + k * mr + r])
                .as("mc=%d panel row %d k=%d r=%d", mc, p, k, r)
                .isEqualTo(want);
          }
        }
      }
    }
  }

  @Test
  void packsRowsOfAIntoZeroPaddedMicroPanels() {
    Rng rng = new Rng(5);
    int K = 30;
    int mr = GemmVectorTiles.MR;
    int stride = 20 * mr + 16;
    for (int mc : new int[] {1, 5, 6, 17, 36}) {
      float[] a = random(rng, 2 + mc * K); // (mc, K) from offset 2
      float[] ap = new float[(mc + mr - 1) / mr * stride];
      Arrays.fill(ap, Float.NaN);
      GemmVectorPacking.packRowsA(a, 2 + 7, K, mc, 20, mr, ap, stride);
      for (int p = 0; p < mc; p += mr) {
        for (int k = 0; k < 20; k++) {
          for (int r = 0; r < mr; r++) {
            float want = p + r < mc ? a[2 + (p + r) * K + 7 + k] : 0f;
            assertThat(ap[p / mr * stride + k * mr + r])
                .as("mc=%d panel row %d k=%d r=%d", mc, p, k, r)
                .isEqualTo(want);
          }
        }
      }
    }
  }

  @Test
  void runsSingleThreadedInsideParallelBodies() {
    int M = 300;
    int K = 64;
    int N = 200;
    int jobs = 6;
    Rng rng = new Rng(3);
    float[] a = random(rng, jobs * M * K);
    float[] b = random(rng, K * N);
    float[] got = new float[jobs * M * N];
    float[] want = new float[jobs * M * N];
    Parallel.forRange(
        jobs,
        1,
        (start, end) -> {
          for (int j = start; j < end; j++) {
            GemmKernel.matmul(got, j * M * N, a, j * M * K, b, 0, M, K, N, false);
          }
        });
    for (int j = 0; j < jobs; j++) {
      GemmPlain.matmul(want, j * M * N, a, j * M * K, b, 0, M, K, N, false);
    }
    assertClose(got, want, K, "inside forRange");
  }

  @Test
  void zeroInnerDimensionGivesZerosOrLeavesC() {
    float[] c = {1f, 2f, 3f, 4f};
    GemmKernel.matmul(c, new float[0], new float[0], 2, 0, 2, true);
    assertThat(c).containsExactly(1f, 2f, 3f, 4f);
    GemmKernel.matmulTransA(c, new float[0], new float[0], 2, 0, 2, false);
    assertThat(c).containsExactly(0f, 0f, 0f, 0f);
  }

  @Test
  void rejectsTooShortOperandsNamingTheShape() {
    assertThatThrownBy(
            () -> GemmKernel.matmul(new float[12], new float[7], new float[6], 4, 2, 3, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul: a (4, 2) at offset 0 needs 8 floats, array has 7");
  }

  @Test
  void rejectsNegativeDimensions() {
    assertThatThrownBy(
            () ->
                GemmKernel.matmulTransB(new float[4], new float[4], new float[4], 2, -1, 2, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmulTransB: dimensions must be non-negative: M=2, K=-1, N=2");
  }

  private static void checkAgainstPlain(
      Rng rng, Mode mode, GemmKernel.Layout layout, int M, int K, int N, boolean accumulate) {
    int aOff = 3;
    int bOff = 5;
    int cOff = 7;
    float[] a = random(rng, aOff + M * K + 2);
    float[] b = random(rng, bOff + K * N + 2);
    float[] want = random(rng, cOff + M * N + 2);
    float[] got = want.clone();
    GemmKernel.run(
        layout, mode.vector(), mode.parallel(), got, cOff, a, aOff, b, bOff, M, K, N, accumulate);
    switch (layout) {
      case NN -> GemmPlain.matmul(want, cOff, a, aOff, b, bOff, M, K, N, accumulate);
      case TN -> GemmPlain.matmulTransA(want, cOff, a, aOff, b, bOff, M, K, N, accumulate);
      case NT -> GemmPlain.matmulTransB(want, cOff, a, aOff, b, bOff, M, K, N, accumulate);
    }
    String where =
        String.format(
            "%s %s M=%d K=%d N=%d accumulate=%b", mode.name(), layout, M, K, N, accumulate);
    assertClose(got, want, K, where);
  }

  /** Elements within 1e-5 * (K + 1) of the oracle (inputs in [-1, 1]), untouched ones equal. */
  private static void assertClose(float[] got, float[] want, int K, String where) {
    double tolerance = 1e-5 * (K + 1);
    double worst = 0;
    int worstIndex = -1;
    for (int i = 0; i < want.length; i++) {
      double diff = Math.abs(got[i] - want[i]);
      if (!(diff <= worst)) {
        worst = diff;
        worstIndex = i;
      }
    }
    assertThat(worst)
        .as("%s: max difference %.3g at index %d", where, worst, worstIndex)
        .isLessThanOrEqualTo(tolerance);
  }

  private static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2 * rng.nextFloat() - 1;
    }
    return x;
  }
}
