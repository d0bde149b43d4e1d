package org.tinyformer.kernels.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.Simd;

class GemvKernelTest {
  private static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  @Test
  void vectorPathMatchesThePlainTwinOverAShapeGrid() {
    Rng rng = new Rng(1);
    for (int M : new int[] {1, 2, 3, 5}) {
      for (int K : new int[] {1, 7, 16, 17, 32, 33, 128, 130}) {
        for (int N : new int[] {1, 3, 4, 5, 17, 65}) {
          for (boolean bias : new boolean[] {false, true}) {
            float[] inp = random(rng, 3 + M * K);
            float[] w = random(rng, 2 + N * K);
            float[] b = bias ? random(rng, N) : null;
            float[] expected = new float[1 + M * N];
            float[] actual = new float[1 + M * N];
            GemvPlain.forward(expected, 1, inp, 3, w, 2, b, M, K, N);
            if (Simd.AVAILABLE) {
              GemvVector.forward(actual, 1, inp, 3, w, 2, b, M, K, N);
            } else {
              GemvKernel.forward(actual, 1, inp, 3, w, 2, b, M, K, N);
            }
            for (int i = 0; i < expected.length; i++) {
              float tolerance = 1e-5f * (1 + Math.abs(expected[i])) * (float) Math.sqrt(K);
              assertThat(actual[i])
                  .as("M %d K %d N %d bias %s index %d", M, K, N, bias, i)
                  .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tolerance));
            }
          }
        }
      }
    }
  }

  @Test
  void plainTwinIsTheDefinition() {
    float[] out = new float[2];
    // inp (1, 2) = [1, 2]; weight (2, 2) = [[3, 4], [5, 6]]; bias [0.5, -1]
    GemvKernel.forward(
        out, new float[] {1, 2}, new float[] {3, 4, 5, 6}, new float[] {0.5f, -1}, 1, 2, 2);
    assertThat(out).containsExactly(11.5f, 16f);
  }

  @Test
  void rejectsTooShortArrays() {
    assertThatThrownBy(
            () -> GemvKernel.forward(new float[1], new float[2], new float[3], null, 1, 2, 2))
        .hasMessage("gemv: out has 1 elements, expected at least 2 from offset 0");
  }
}
