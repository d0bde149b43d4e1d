package org.tinyformer.kernels.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class PanelGemvKernelTest {
  private static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  private static float[] packed(float[] w, int N, int K) {
    float[] p = new float[PanelGemvKernel.packedSize(N, K)];
    PanelGemvKernel.pack(p, w, N, K);
    return p;
  }

  @Test
  void vectorPathGivesTheSameBitsAsThePlainTwin() {
    Rng rng = new Rng(1);
    for (int M : new int[] {1, 2, 3, 5, 32}) {
      for (int K : new int[] {1, 7, 16, 17, 128, 130}) {
        for (int N : new int[] {1, 5, 16, 17, 63, 64, 65, 384}) {
          for (boolean bias : new boolean[] {false, true}) {
            float[] inp = random(rng, M * K);
            float[] w = packed(random(rng, N * K), N, K);
            float[] b = bias ? random(rng, N) : null;
            float[] expected = new float[M * N + 1];
            float[] actual = new float[M * N + 1];
            PanelGemvPlain.forward(expected, inp, w, b, M, K, N, 0, N);
            PanelGemvKernel.forward(actual, inp, w, b, M, K, N, false);
            assertThat(actual).as("M %d K %d N %d bias %s", M, K, N, bias).isEqualTo(expected);
            PanelGemvKernel.forward(actual, inp, w, b, M, K, N, true);
            assertThat(actual).as("parallel M %d K %d N %d", M, K, N).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void matchesTheUnpackedProductOfGemv() {
    Rng rng = new Rng(2);
    int M = 3;
    int K = 130;
    int N = 70;
    float[] inp = random(rng, M * K);
    float[] w = random(rng, N * K);
    float[] b = random(rng, N);
    float[] expected = new float[M * N];
    float[] actual = new float[M * N];
    GemvPlain.forward(expected, 0, inp, 0, w, 0, b, M, K, N);
    PanelGemvKernel.forward(actual, inp, packed(w, N, K), b, M, K, N);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(1e-4f));
    }
  }

  @Test
  void plainTwinIsTheDefinition() {
    float[] out = new float[2];
    // inp (1, 2) = [1, 2]; weight (2, 2) = [[3, 4], [5, 6]]; bias [0.5, -1]
    float[] w = packed(new float[] {3, 4, 5, 6}, 2, 2);
    PanelGemvKernel.forward(out, new float[] {1, 2}, w, new float[] {0.5f, -1}, 1, 2, 2);
    assertThat(out).containsExactly(11.5f, 16f);
  }

  @Test
  void packsColumnPanelsWithZeroPadding() {
    float[] w = {1, 2, 3, 4, 5, 6}; // (N 3, K 2)
    float[] p = packed(w, 3, 2);
    assertThat(p).hasSize(2 * PanelGemvKernel.PANEL);
    assertThat(p[0]).isEqualTo(1f); // k 0, n 0
    assertThat(p[2]).isEqualTo(5f); // k 0, n 2
    assertThat(p[PanelGemvKernel.PANEL + 1]).isEqualTo(4f); // k 1, n 1
    assertThat(p[3]).isZero(); // padding column
  }

  @Test
  void anySplitIntoPanelRangesGivesTheBitsOfTheWholeProduct() {
    Rng rng = new Rng(3);
    int K = 33;
    int N = 200; // 4 panels, the last one partial
    float[] w = packed(random(rng, N * K), N, K);
    float[] b = random(rng, N);
    for (int M : new int[] {1, 2, 3, 4, 5, 9}) {
      float[] inp = random(rng, M * K);
      float[] expected = new float[M * N];
      PanelGemvKernel.forward(expected, inp, w, b, M, K, N, false);
      for (int split = 0; split <= 4; split++) {
        float[] actual = new float[M * N];
        java.util.Arrays.fill(actual, Float.NaN);
        PanelGemvKernel.forwardPanels(actual, inp, w, b, M, K, N, 0, split);
        PanelGemvKernel.forwardPanels(actual, inp, w, b, M, K, N, split, 4);
        assertThat(actual).as("M %d split at panel %d", M, split).isEqualTo(expected);
      }
    }
  }

  @Test
  void rejectsPanelsOutsideTheWeight() {
    float[] w = new float[PanelGemvKernel.packedSize(200, 2)];
    assertThatThrownBy(
            () ->
                PanelGemvKernel.forwardPanels(
                    new float[200], new float[2], w, null, 1, 2, 200, 1, 5))
        .hasMessage("panelGemv: panels [1, 5) are outside [0, 4)");
  }

  @Test
  void rejectsATooShortPackedWeight() {
    assertThatThrownBy(
            () -> PanelGemvKernel.forward(new float[2], new float[2], new float[4], null, 1, 2, 2))
        .hasMessage("panelGemv: packed needs 128 floats for (128,), array has 4");
  }
}
