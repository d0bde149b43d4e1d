package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.FiniteDifferences.dot;
import static org.tinyformer.kernels.runtime.FiniteDifferences.gradient;
import static org.tinyformer.kernels.runtime.FiniteDifferences.toDouble;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.minus;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class SiluKernelTest {
  private final Rng rng = new Rng(14);

  @Test
  void fastMatchesPlainOverSizes() {
    for (int N : new int[] {1, 7, 16, 17, 100, 200_003}) {
      float[] a = randn(rng, N, 3f), b = randn(rng, N, 1f), dout = randn(rng, N, 1f);
      float[] out = new float[N], outP = new float[N];
      SiluKernel.forward(out, a, N);
      SiluPlain.forward(outP, a, N);
      assertClose("silu N=" + N, out, outP, 1e-6);
      float[] da = randn(rng, N, 1f), daP = da.clone();
      SiluKernel.backward(da, a, dout, N);
      SiluPlain.backward(daP, a, dout, N);
      assertClose("siluBackward N=" + N, da, daP, 1e-6);
      SiluKernel.swigluForward(out, a, b, N);
      SiluPlain.swigluForward(outP, a, b, N);
      assertClose("swiglu N=" + N, out, outP, 1e-6);
      float[] db = randn(rng, N, 1f), dbP = db.clone();
      SiluKernel.swigluBackward(da, db, dout, a, b, N);
      SiluPlain.swigluBackward(daP, dbP, dout, a, b, N);
      assertClose("swigluBackward da N=" + N, da, daP, 1e-6);
      assertClose("swigluBackward db N=" + N, db, dbP, 1e-6);
    }
  }

  @Test
  void backwardsMatchFiniteDifferences() {
    int N = 29;
    float[] a = randn(rng, N, 2f), b = randn(rng, N, 1f), dout = randn(rng, N, 1f);
    double[] ad = toDouble(a), bd = toDouble(b), g = toDouble(dout);
    float[] out = new float[N];
    SiluKernel.forward(out, a, N);
    assertClose("silu", out, swiglu(ad, ones(N)), 1e-6);
    float[] da = randn(rng, N, 1f), da0 = da.clone();
    SiluKernel.backward(da, a, dout, N);
    double[] one = ones(N);
    assertClose("silu dinp", minus(da, da0), gradient(ad, v -> dot(g, swiglu(v, one))), 1e-5);
    SiluKernel.swigluForward(out, a, b, N);
    assertClose("swiglu", out, swiglu(ad, bd), 1e-6);
    da = da0.clone();
    float[] db = randn(rng, N, 1f), db0 = db.clone();
    SiluKernel.swigluBackward(da, db, dout, a, b, N);
    assertClose("swiglu da", minus(da, da0), gradient(ad, v -> dot(g, swiglu(v, bd))), 1e-5);
    assertClose("swiglu db", minus(db, db0), gradient(bd, v -> dot(g, swiglu(ad, v))), 1e-5);
  }

  @Test
  void swigluBackwardSkipsNullGradients() {
    float[] a = randn(rng, 5, 1f), db = new float[5];
    SiluKernel.swigluBackward(null, db, a, a, a, 5);
    assertThatThrownBy(() -> SiluKernel.swigluBackward(null, null, a, a, new float[4], 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("swigluBackward: b needs 5 floats for (5,), array has 4");
  }

  static double[] swiglu(double[] a, double[] b) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] / (1 + Math.exp(-a[i])) * b[i];
    }
    return y;
  }

  static double[] ones(int n) {
    double[] x = new double[n];
    java.util.Arrays.fill(x, 1.0);
    return x;
  }
}
