package org.tinyformer.kernels.norms;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.FiniteDifferences.dot;
import static org.tinyformer.kernels.runtime.FiniteDifferences.gradient;
import static org.tinyformer.kernels.runtime.FiniteDifferences.toDouble;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.minus;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.KernelArgs;

class RmsNormKernelTest {
  private final Rng rng = new Rng(12);

  @Test
  void fastMatchesPlainOverShapeGrid() {
    for (int[] s :
        new int[][] {{1, 1, 1}, {1, 1, 3}, {2, 5, 16}, {3, 1, 17}, {2, 7, 100}, {4, 64, 768}}) {
      int B = s[0], T = s[1], C = s[2], N = B * T * C;
      String at = "(B, T, C) = " + KernelArgs.dims(s);
      float[] inp = randn(rng, N, 2f), w = randn(rng, C, 1f);
      float[] out = new float[N], rstd = new float[B * T];
      float[] outP = new float[N], rstdP = new float[B * T];
      RmsNormKernel.forward(out, rstd, inp, w, B, T, C);
      RmsNormPlain.forward(outP, rstdP, inp, w, B, T, C, RmsNormKernel.EPS);
      assertClose("out " + at, out, outP, 1e-5);
      assertClose("rstd " + at, rstd, rstdP, 1e-5);
      float[] dout = randn(rng, N, 1f), dinp = randn(rng, N, 1f), dw = randn(rng, C, 1f);
      float[] dinpP = dinp.clone(), dwP = dw.clone();
      RmsNormKernel.backward(dinp, dw, dout, inp, w, rstd, B, T, C);
      RmsNormPlain.backward(dinpP, dwP, dout, inp, w, rstdP, B, T, C);
      assertClose("dinp " + at, dinp, dinpP, 1e-4);
      assertClose("dweight " + at, dw, dwP, 1e-4);
    }
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    int B = 2, T = 3, C = 5, N = B * T * C;
    float[] inp = randn(rng, N, 1f), w = randn(rng, C, 1f), dout = randn(rng, N, 1f);
    float[] out = new float[N], rstd = new float[B * T];
    RmsNormKernel.forward(out, rstd, inp, w, B, T, C);
    double[] x = toDouble(inp), wd = toDouble(w), g = toDouble(dout);
    assertClose("forward", out, reference(x, wd, C), 1e-5);
    float[] dinp = randn(rng, N, 1f), dw = randn(rng, C, 1f);
    float[] dinp0 = dinp.clone(), dw0 = dw.clone();
    RmsNormKernel.backward(dinp, dw, dout, inp, w, rstd, B, T, C);
    assertClose("dinp", minus(dinp, dinp0), gradient(x, v -> dot(g, reference(v, wd, C))), 1e-4);
    assertClose("dweight", minus(dw, dw0), gradient(wd, v -> dot(g, reference(x, v, C))), 1e-4);
  }

  @Test
  void rejectsShortWeight() {
    float[] x = new float[8];
    assertThatThrownBy(() -> RmsNormKernel.forward(x, null, x, new float[3], 2, 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rmsNorm: weight needs 4 floats for (4,), array has 3");
  }

  static double[] reference(double[] x, double[] w, int C) {
    double[] y = new double[x.length];
    for (int o = 0; o < x.length; o += C) {
      double ss = 0;
      for (int i = 0; i < C; i++) {
        ss += x[o + i] * x[o + i] / C;
      }
      double s = 1 / Math.sqrt(ss + 1e-5);
      for (int i = 0; i < C; i++) {
        y[o + i] = x[o + i] * s * w[i];
      }
    }
    return y;
  }
}
