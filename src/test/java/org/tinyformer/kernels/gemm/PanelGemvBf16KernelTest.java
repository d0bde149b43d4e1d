package org.tinyformer.kernels.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class PanelGemvBf16KernelTest {
  private static float[] random(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  private static short[] packed(float[] w, int N, int K) {
    short[] p = new short[PanelGemvBf16Kernel.packedSize(N, K)];
    PanelGemvBf16Kernel.pack(p, w, N, K);
    return p;
  }

  @Test
  void vectorPathGivesTheSameBitsAsThePlainTwin() {
    Rng rng = new Rng(1);
    for (int M : new int[] {1, 2, 3, 5}) {
      for (int K : new int[] {1, 7, 16, 17, 130}) {
        for (int N : new int[] {1, 5, 16, 17, 63, 64, 65, 384}) {
          for (boolean bias : new boolean[] {false, true}) {
            float[] inp = random(rng, M * K);
            short[] w = packed(random(rng, N * K), N, K);
            float[] b = bias ? random(rng, N) : null;
            float[] expected = new float[M * N];
            float[] actual = new float[M * N];
            PanelGemvBf16Plain.forward(expected, inp, w, b, M, K, N, 0, N);
            PanelGemvBf16Kernel.forward(actual, inp, w, b, M, K, N);
            assertThat(actual).as("M %d K %d N %d bias %s", M, K, N, bias).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void equalsTheFloatPanelKernelOnBf16RoundedWeights() {
    Rng rng = new Rng(2);
    int M = 3;
    int K = 130;
    int N = 70;
    float[] inp = random(rng, M * K);
    float[] w = random(rng, N * K);
    float[] rounded = new float[w.length];
    Bf16.round(rounded, w, 0, w.length);
    float[] b = random(rng, N);
    float[] f32 = new float[PanelGemvKernel.packedSize(N, K)];
    PanelGemvKernel.pack(f32, rounded, N, K);
    float[] expected = new float[M * N];
    float[] actual = new float[M * N];
    PanelGemvPlain.forward(expected, inp, f32, b, M, K, N, 0, N);
    PanelGemvBf16Kernel.forward(actual, inp, packed(w, N, K), b, M, K, N);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void anySplitIntoPanelRangesGivesTheBitsOfTheWholeProduct() {
    Rng rng = new Rng(3);
    int M = 3;
    int K = 33;
    int N = 200; // 4 panels, the last one partial
    short[] w = packed(random(rng, N * K), N, K);
    float[] b = random(rng, N);
    float[] inp = random(rng, M * K);
    float[] expected = new float[M * N];
    PanelGemvBf16Kernel.forward(expected, inp, w, b, M, K, N);
    for (int split = 0; split <= 4; split++) {
      float[] actual = new float[M * N];
      java.util.Arrays.fill(actual, Float.NaN);
      PanelGemvBf16Kernel.forwardPanels(actual, inp, w, b, M, K, N, 0, split);
      PanelGemvBf16Kernel.forwardPanels(actual, inp, w, b, M, K, N, split, 4);
      assertThat(actual).as("split at panel %d", split).isEqualTo(expected);
    }
  }

  @Test
  void roundsToNearestEvenAndKeepsNan() {
    assertThat(Bf16.round(1f)).isEqualTo(1f);
    float ulp = 0x1p-7f; // bf16 spacing in [1, 2)
    assertThat(Bf16.round(1f + ulp / 2)).isEqualTo(1f); // tie to even: down
    assertThat(Bf16.round(1f + 3 * ulp / 2)).isEqualTo(1f + 2 * ulp); // tie to even: up
    assertThat(Bf16.round(1f + ulp / 2 + 0x1p-20f)).isEqualTo(1f + ulp);
    assertThat(Bf16.round(-3.14159f)).isEqualTo(-3.140625f);
    assertThat(Bf16.round(Float.NaN)).isNaN();
    assertThat(Bf16.round(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Bf16.round(Float.MAX_VALUE)).isEqualTo(Float.POSITIVE_INFINITY); // overflows
  }

  @Test
  void rejectsAPackedArrayOfTheWrongSize() {
    assertThatThrownBy(
            () ->
                PanelGemvBf16Kernel.forward(
                    new float[4], new float[2], new short[3], null, 1, 2, 4))
        .hasMessage("panelGemvBf16: packed needs 128 shorts for (4, 2), array has 3");
  }
}
