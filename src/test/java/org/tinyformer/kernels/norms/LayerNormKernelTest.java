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

class LayerNormKernelTest {
  private final Rng rng = new Rng(11);

  @Test
  void fastMatchesPlainOverShapeGrid() {
    for (int[] s :
        new int[][] {{1, 1, 1}, {1, 1, 3}, {2, 5, 16}, {3, 1, 17}, {2, 7, 100}, {4, 64, 768}}) {
      int B = s[0], T = s[1], C = s[2], N = B * T * C;
      String at = "(B, T, C) = " + KernelArgs.dims(s);
      float[] inp = randn(rng, N, 2f), w = randn(rng, C, 1f), b = randn(rng, C, 1f);
      float[] out = new float[N], mean = new float[B * T], rstd = new float[B * T];
      float[] outP = new float[N], meanP = new float[B * T], rstdP = new float[B * T];
      LayerNormKernel.forward(out, mean, rstd, inp, w, b, B, T, C);
      LayerNormPlain.forward(outP, meanP, rstdP, inp, w, b, B, T, C, LayerNormKernel.EPS);
      assertClose("out " + at, out, outP, 1e-5);
      assertClose("rstd " + at, rstd, rstdP, 1e-5);
      float[] dout = randn(rng, N, 1f);
      float[] dinp = randn(rng, N, 1f), dw = randn(rng, C, 1f), db = randn(rng, C, 1f);
      float[] dinpP = dinp.clone(), dwP = dw.clone(), dbP = db.clone();
      LayerNormKernel.backward(dinp, dw, db, dout, inp, w, mean, rstd, B, T, C);
      LayerNormPlain.backward(dinpP, dwP, dbP, dout, inp, w, meanP, rstdP, B, T, C);
      assertClose("dinp " + at, dinp, dinpP, 1e-4);
      assertClose("dweight " + at, dw, dwP, 1e-4);
      assertClose("dbias " + at, db, dbP, 1e-4);
    }
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    int B = 2, T = 3, C = 5, N = B * T * C;
    float[] inp = randn(rng, N, 1f), w = randn(rng, C, 1f), b = randn(rng, C, 1f);
    float[] dout = randn(rng, N, 1f);
    float[] out = new float[N], mean = new float[B * T], rstd = new float[B * T];
    LayerNormKernel.forward(out, mean, rstd, inp, w, b, B, T, C);
    assertClose("forward", out, reference(toDouble(inp), toDouble(w), toDouble(b), C), 1e-5);
    float[] dinp = randn(rng, N, 1f), dw = randn(rng, C, 1f), db = randn(rng, C, 1f);
    float[] dinp0 = dinp.clone(), dw0 = dw.clone(), db0 = db.clone();
    LayerNormKernel.backward(dinp, dw, db, dout, inp, w, mean, rstd, B, T, C);
    double[] x = toDouble(inp), wd = toDouble(w), bd = toDouble(b), g = toDouble(dout);
    assertClose(
        "dinp", minus(dinp, dinp0), gradient(x, v -> dot(g, reference(v, wd, bd, C))), 1e-4);
    assertClose("dweight", minus(dw, dw0), gradient(wd, v -> dot(g, reference(x, v, bd, C))), 1e-4);
    assertClose("dbias", minus(db, db0), gradient(bd, v -> dot(g, reference(x, wd, v, C))), 1e-4);
  }

  @Test
  void worksWithoutBiasAndCaches() {
    int C = 19;
    float[] inp = randn(rng, 3 * C, 1f), w = randn(rng, C, 1f);
    float[] out = new float[3 * C];
    LayerNormKernel.forward(out, null, null, inp, w, null, 3, 1, C);
    assertClose("forward", out, reference(toDouble(inp), toDouble(w), new double[C], C), 1e-5);
  }

  @Test
  void rejectsShortArraysAndBadDimensions() {
    float[] x = new float[20];
    assertThatThrownBy(() -> LayerNormKernel.forward(x, null, null, x, new float[4], null, 2, 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("layerNorm: out needs 24 floats for (2, 3, 4), array has 20");
    assertThatThrownBy(() -> LayerNormKernel.forward(x, null, null, x, x, null, 0, 3, 4))
        .hasMessage("layerNorm: dimensions B, T, C must be positive, got (0, 3, 4)");
    assertThatThrownBy(() -> LayerNormKernel.forward(x, x, null, x, x, null, 1, 1, 4))
        .hasMessage("layerNorm: mean and rstd must both be given or both null");
    assertThatThrownBy(() -> LayerNormKernel.backward(x, x, x, x, x, x, x, new float[1], 1, 2, 4))
        .hasMessage("layerNormBackward: rstd needs 2 floats for (1, 2), array has 1");
  }

  /** Double-precision layer norm over rows of C. */
  static double[] reference(double[] x, double[] w, double[] b, int C) {
    double[] y = new double[x.length];
    for (int o = 0; o < x.length; o += C) {
      double m = 0, v = 0;
      for (int i = 0; i < C; i++) {
        m += x[o + i] / C;
      }
      for (int i = 0; i < C; i++) {
        v += (x[o + i] - m) * (x[o + i] - m) / C;
      }
      double s = 1 / Math.sqrt(v + 1e-5);
      for (int i = 0; i < C; i++) {
        y[o + i] = (x[o + i] - m) * s * w[i] + b[i];
      }
    }
    return y;
  }
}
