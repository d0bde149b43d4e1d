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

class SoftmaxKernelTest {
  private final Rng rng = new Rng(15);

  @Test
  void fastMatchesPlainOverShapeGrid() {
    for (int[] s : new int[][] {{1, 1}, {1, 7}, {3, 16}, {5, 17}, {64, 65}, {300, 256}}) {
      int rows = s[0], cols = s[1], n = rows * cols;
      String at = "(rows, cols) = " + KernelArgs.dims(s);
      float[] inp = randn(rng, n, 4f), dout = randn(rng, n, 1f);
      float[] out = new float[n], outP = new float[n];
      SoftmaxKernel.forward(out, inp, rows, cols);
      SoftmaxPlain.forward(outP, inp, rows, cols);
      assertClose("softmax " + at, out, outP, 1e-6);
      float[] dinp = randn(rng, n, 1f), dinpP = dinp.clone();
      SoftmaxKernel.backward(dinp, out, dout, rows, cols);
      SoftmaxPlain.backward(dinpP, outP, dout, rows, cols);
      assertClose("softmaxBackward " + at, dinp, dinpP, 1e-5);
      SoftmaxKernel.logForward(out, inp, rows, cols);
      SoftmaxPlain.logForward(outP, inp, rows, cols);
      assertClose("logSoftmax " + at, out, outP, 1e-5);
      SoftmaxKernel.logBackward(dinp, out, dout, rows, cols);
      SoftmaxPlain.logBackward(dinpP, outP, dout, rows, cols);
      assertClose("logSoftmaxBackward " + at, dinp, dinpP, 1e-5);
    }
  }

  @Test
  void backwardsMatchFiniteDifferences() {
    int rows = 3, cols = 7, n = rows * cols;
    float[] inp = randn(rng, n, 2f), dout = randn(rng, n, 1f), out = new float[n];
    double[] x = toDouble(inp), g = toDouble(dout);
    SoftmaxKernel.forward(out, inp, rows, cols);
    assertClose("softmax", out, reference(x, cols, false), 1e-6);
    float[] dinp = randn(rng, n, 1f), dinp0 = dinp.clone();
    SoftmaxKernel.backward(dinp, out, dout, rows, cols);
    assertClose(
        "softmax dinp",
        minus(dinp, dinp0),
        gradient(x, v -> dot(g, reference(v, cols, false))),
        1e-5);
    SoftmaxKernel.logForward(out, inp, rows, cols);
    assertClose("logSoftmax", out, reference(x, cols, true), 1e-6);
    dinp = dinp0.clone();
    SoftmaxKernel.logBackward(dinp, out, dout, rows, cols);
    assertClose(
        "logSoftmax dinp",
        minus(dinp, dinp0),
        gradient(x, v -> dot(g, reference(v, cols, true))),
        1e-5);
  }

  @Test
  void staysFiniteForLargeInputs() {
    float[] inp = {1000f, 1001f, -1000f}, out = new float[3];
    SoftmaxKernel.forward(out, inp, 1, 3);
    assertClose("softmax", out, new double[] {0.2689414, 0.7310586, 0}, 1e-6);
  }

  @Test
  void rejectsZeroColumns() {
    assertThatThrownBy(() -> SoftmaxKernel.forward(new float[1], new float[1], 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("softmax: dimensions rows, cols must be positive, got (1, 0)");
  }

  static double[] reference(double[] x, int cols, boolean log) {
    double[] y = new double[x.length];
    for (int o = 0; o < x.length; o += cols) {
      double max = Double.NEGATIVE_INFINITY, sum = 0;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, x[o + j]);
      }
      for (int j = 0; j < cols; j++) {
        sum += Math.exp(x[o + j] - max);
      }
      for (int j = 0; j < cols; j++) {
        y[o + j] = log ? x[o + j] - max - Math.log(sum) : Math.exp(x[o + j] - max) / sum;
      }
    }
    return y;
  }
}
