package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.FiniteDifferences.dot;
import static org.tinyformer.kernels.runtime.FiniteDifferences.gradient;
import static org.tinyformer.kernels.runtime.FiniteDifferences.toDouble;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.minus;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class GeluKernelTest {
  private final Rng rng = new Rng(13);

  @Test
  void fastMatchesPlainOverSizes() {
    for (int N : new int[] {1, 7, 16, 17, 100, 4099, 200_003}) {
      float[] inp = randn(rng, N, 3f), out = new float[N], outP = new float[N];
      GeluKernel.forward(out, inp, N);
      GeluPlain.forward(outP, inp, N);
      assertClose("gelu N=" + N, out, outP, 1e-6);
      float[] dout = randn(rng, N, 1f), dinp = randn(rng, N, 1f), dinpP = dinp.clone();
      GeluKernel.backward(dinp, inp, dout, N);
      GeluPlain.backward(dinpP, inp, dout, N);
      // 1 - tanh^2 cancels near saturation: float rounding of tanh, times |x| k (1 + 3c x^2)
      assertClose("geluBackward N=" + N, dinp, dinpP, 1e-5);
    }
  }

  @Test
  void forwardWithDerivativeMatchesForwardAndBackward() {
    for (int N : new int[] {1, 7, 16, 17, 100, 4099, 200_003}) {
      float[] inp = randn(rng, N, 3f), out = new float[N], outP = new float[N];
      float[] derivative = new float[N], derivativeP = new float[N];
      GeluKernel.forwardWithDerivative(out, derivative, inp, N);
      GeluPlain.forwardWithDerivative(outP, derivativeP, inp, N);
      float[] gelu = new float[N], ones = new float[N], local = new float[N];
      Arrays.fill(ones, 1f);
      GeluKernel.forward(gelu, inp, N);
      GeluKernel.backward(local, inp, ones, N); // gelu'(inp) * 1
      assertThat(out).as("out N=%d", N).containsExactly(gelu);
      assertThat(derivative).as("derivative N=%d", N).containsExactly(local);
      assertClose("plain out N=" + N, outP, gelu, 1e-6);
      assertClose("plain derivative N=" + N, derivativeP, local, 1e-5);
      float[] inPlace = inp.clone();
      GeluKernel.forwardWithDerivative(out, inPlace, inPlace, N); // derivative over inp
      assertThat(inPlace).as("in place N=%d", N).containsExactly(local);
    }
  }

  @Test
  void forwardWithDerivativeRejectsOutAliasingInp() {
    float[] x = new float[3];
    assertThatThrownBy(() -> GeluKernel.forwardWithDerivative(x, new float[3], x, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("geluWithDerivative: out may not alias inp or derivative");
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    int N = 37;
    float[] inp = randn(rng, N, 2f), dout = randn(rng, N, 1f), out = new float[N];
    double[] x = toDouble(inp), g = toDouble(dout);
    GeluKernel.forward(out, inp, N);
    assertClose("forward", out, reference(x), 1e-6);
    float[] dinp = randn(rng, N, 1f), dinp0 = dinp.clone();
    GeluKernel.backward(dinp, inp, dout, N);
    assertClose("dinp", minus(dinp, dinp0), gradient(x, v -> dot(g, reference(v))), 1e-5);
  }

  @Test
  void rejectsShortOutput() {
    assertThatThrownBy(() -> GeluKernel.forward(new float[2], new float[3], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gelu: out needs 3 floats for (3,), array has 2");
  }

  static double[] reference(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] =
          0.5
              * x[i]
              * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x[i] + 0.044715 * Math.pow(x[i], 3))));
    }
    return y;
  }
}
