package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.FiniteDifferences.dot;
import static org.tinyformer.kernels.runtime.FiniteDifferences.gradient;
import static org.tinyformer.kernels.runtime.FiniteDifferences.toDouble;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class RopeKernelTest {
  private final Rng rng = new Rng(19);

  @Test
  void rotatesPairsIAndIPlusHalfByPositionAngle() {
    int B = 2, T = 5, NH = 3, HS = 8, pos0 = 2;
    float[] cos = new float[16 * HS / 2], sin = new float[16 * HS / 2];
    RopeKernel.frequencies(cos, sin, 16, HS, RopeKernel.BASE);
    float[] x = randn(rng, B * T * NH * HS, 1f);
    double[] expected = reference(toDouble(x), B, T, NH, HS, pos0);
    RopeKernel.forward(x, 0, NH * HS, cos, sin, B, T, NH, HS, pos0);
    assertClose("rope", x, expected, 1e-5);
  }

  @Test
  void backwardIsTheGradientOfForward() {
    int B = 1, T = 4, NH = 2, HS = 6;
    float[] cos = new float[T * HS / 2], sin = new float[T * HS / 2];
    RopeKernel.frequencies(cos, sin, T, HS, RopeKernel.BASE);
    float[] dout = randn(rng, B * T * NH * HS, 1f);
    double[] g = toDouble(dout);
    double[] expected =
        gradient(toDouble(randn(rng, dout.length, 1f)), v -> dot(g, reference(v, B, T, NH, HS, 0)));
    RopeKernel.backward(dout, 0, NH * HS, cos, sin, B, T, NH, HS, 0);
    assertClose("dx", dout, expected, 1e-5);
  }

  @Test
  void rotatesOnlyTheChosenBlockOfPackedQkv() {
    int B = 2, T = 3, C = 8, NH = 2, HS = 4;
    float[] cos = new float[T * HS / 2], sin = new float[T * HS / 2];
    RopeKernel.frequencies(cos, sin, T, HS, RopeKernel.BASE);
    float[] qkv = randn(rng, B * T * 3 * C, 1f), original = qkv.clone();
    RopeKernel.forward(qkv, C, 3 * C, cos, sin, B, T, NH, HS, 0); // k only
    for (int r = 0; r < B * T; r++) {
      int o = r * 3 * C;
      assertThat(Arrays.copyOfRange(qkv, o, o + C))
          .containsExactly(Arrays.copyOfRange(original, o, o + C));
      assertThat(Arrays.copyOfRange(qkv, o + 2 * C, o + 3 * C))
          .containsExactly(Arrays.copyOfRange(original, o + 2 * C, o + 3 * C));
    }
    RopeKernel.backward(qkv, C, 3 * C, cos, sin, B, T, NH, HS, 0);
    assertClose("inverse", qkv, original, 1e-6);
  }

  @Test
  void rejectsOddHeadSizeAndShortTables() {
    float[] x = new float[12];
    assertThatThrownBy(() -> RopeKernel.forward(x, 0, 3, x, x, 1, 4, 1, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rope: head size HS must be even, got 3");
    assertThatThrownBy(() -> RopeKernel.forward(x, 0, 4, new float[4], x, 1, 3, 1, 4, 0))
        .hasMessage("rope: cos needs 6 floats for (3, 2), array has 4");
  }

  static double[] reference(double[] x, int B, int T, int NH, int HS, int pos0) {
    double[] y = x.clone();
    int half = HS / 2;
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        for (int h = 0; h < NH; h++) {
          int o = ((b * T + t) * NH + h) * HS;
          for (int i = 0; i < half; i++) {
            double a = (pos0 + t) * Math.pow(10000, -2.0 * i / HS);
            y[o + i] = x[o + i] * Math.cos(a) - x[o + half + i] * Math.sin(a);
            y[o + half + i] = x[o + i] * Math.sin(a) + x[o + half + i] * Math.cos(a);
          }
        }
      }
    }
    return y;
  }
}
