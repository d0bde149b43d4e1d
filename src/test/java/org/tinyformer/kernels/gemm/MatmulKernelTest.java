package org.tinyformer.kernels.gemm;

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

class MatmulKernelTest {
  private final Rng rng = new Rng(21);

  @Test
  void fastMatchesPlainOverShapeGrid() {
    for (int[] s :
        new int[][] {{1, 1, 1}, {1, 5, 3}, {7, 16, 17}, {33, 100, 65}, {768, 128, 384}}) {
      int N = s[0], C = s[1], OC = s[2];
      for (boolean withBias : new boolean[] {true, false}) {
        String at = "(N, C, OC) = " + KernelArgs.dims(s) + (withBias ? " with bias" : "");
        float[] inp = randn(rng, N * C, 1f), w = randn(rng, OC * C, 1f);
        float[] bias = withBias ? randn(rng, OC, 1f) : null;
        float[] out = new float[N * OC], outP = new float[N * OC];
        MatmulKernel.forward(out, inp, w, bias, N, C, OC);
        MatmulPlain.forward(outP, inp, w, bias, N, C, OC);
        assertClose("out " + at, out, outP, 1e-4);
        float[] dout = randn(rng, N * OC, 1f);
        float[] dinp = randn(rng, N * C, 1f), dw = randn(rng, OC * C, 1f);
        float[] db = withBias ? randn(rng, OC, 1f) : null;
        float[] dinpP = dinp.clone(), dwP = dw.clone(), dbP = withBias ? db.clone() : null;
        MatmulKernel.backward(dinp, dw, db, dout, inp, w, N, C, OC);
        MatmulPlain.backward(dinpP, dwP, dbP, dout, inp, w, N, C, OC);
        assertClose("dinp " + at, dinp, dinpP, 1e-3);
        assertClose("dweight " + at, dw, dwP, 1e-3);
        if (withBias) {
          assertClose("dbias " + at, db, dbP, 1e-3);
        }
      }
    }
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    int N = 3, C = 5, OC = 4;
    float[] inp = randn(rng, N * C, 1f), w = randn(rng, OC * C, 1f), b = randn(rng, OC, 1f);
    float[] dout = randn(rng, N * OC, 1f);
    float[] dinp = randn(rng, N * C, 1f), dw = randn(rng, OC * C, 1f), db = randn(rng, OC, 1f);
    float[] dw0 = dw.clone(), db0 = db.clone(); // dinp is written, the others accumulate
    MatmulKernel.backward(dinp, dw, db, dout, inp, w, N, C, OC);
    double[] x = toDouble(inp), wd = toDouble(w), bd = toDouble(b), g = toDouble(dout);
    assertClose("dinp", dinp, gradient(x, v -> dot(g, linear(v, wd, bd, N, C, OC))), 1e-4);
    assertClose(
        "dweight", minus(dw, dw0), gradient(wd, v -> dot(g, linear(x, v, bd, N, C, OC))), 1e-4);
    assertClose(
        "dbias", minus(db, db0), gradient(bd, v -> dot(g, linear(x, wd, v, N, C, OC))), 1e-4);
  }

  @Test
  void rejectsShortWeight() {
    assertThatThrownBy(
            () -> MatmulKernel.forward(new float[6], new float[6], new float[5], null, 2, 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul forward: weight needs 9 floats, array has 5");
  }

  private static double[] linear(double[] x, double[] w, double[] b, int N, int C, int OC) {
    double[] y = new double[N * OC];
    for (int n = 0; n < N; n++) {
      for (int o = 0; o < OC; o++) {
        double s = b[o];
        for (int c = 0; c < C; c++) {
          s += x[n * C + c] * w[o * C + c];
        }
        y[n * OC + o] = s;
      }
    }
    return y;
  }
}
