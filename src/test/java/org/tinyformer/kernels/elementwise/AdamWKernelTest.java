package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.FiniteDifferences;
import org.tinyformer.kernels.runtime.KernelAsserts;

class AdamWKernelTest {
  private final Rng rng = new Rng(20);

  @Test
  void fastMatchesPlainOverSizes() {
    for (int n : new int[] {1, 15, 16, 17, 1000, 150_001}) {
      float[] p = randn(rng, n, 1f),
          m = randn(rng, n, 0.1f),
          v = KernelAsserts.uniform(rng, n, 0f, 0.01f);
      float[] pP = p.clone(), mP = m.clone(), vP = v.clone();
      for (int step = 1; step <= 3; step++) {
        float[] g = randn(rng, n, 1f);
        AdamWKernel.update(p, g, m, v, n, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step);
        AdamWPlain.update(pP, g, mP, vP, n, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, step);
      }
      assertClose("param n=" + n, p, pP, 1e-6);
      assertClose("m n=" + n, m, mP, 1e-6);
      assertClose("v n=" + n, v, vP, 1e-6);
      assertThat(AdamWKernel.sumOfSquares(p, n))
          .isCloseTo(AdamWPlain.sumOfSquares(p, n), Offset.offset(1e-4 * n));
    }
  }

  @Test
  void matchesTheAdamWFormulaInDouble() {
    int n = 5;
    float[] p = randn(rng, n, 1f), m = new float[n], v = new float[n];
    double[] pd = FiniteDifferences.toDouble(p), md = new double[n], vd = new double[n];
    double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
    for (int step = 1; step <= 4; step++) {
      float[] g = randn(rng, n, 1f);
      AdamWKernel.update(
          p, g, m, v, n, (float) lr, (float) b1, (float) b2, (float) eps, (float) wd, step);
      for (int i = 0; i < n; i++) {
        md[i] = b1 * md[i] + (1 - b1) * g[i];
        vd[i] = b2 * vd[i] + (1 - b2) * g[i] * g[i];
        double mhat = md[i] / (1 - Math.pow(b1, step)), vhat = vd[i] / (1 - Math.pow(b2, step));
        pd[i] = pd[i] * (1 - lr * wd) - lr * mhat / (Math.sqrt(vhat) + eps);
      }
    }
    assertClose("param", p, pd, 1e-6);
  }

  @Test
  void sumOfSquaresIsTheSquaredNorm() {
    float[] x = {3f, 4f, 12f};
    assertThat(AdamWKernel.sumOfSquares(x, 3)).isEqualTo(169.0);
    assertThat(AdamWKernel.sumOfSquares(x, 0)).isZero();
  }

  @Test
  void rejectsStepZero() {
    float[] x = new float[2];
    assertThatThrownBy(() -> AdamWKernel.update(x, x, x, x, 2, 1e-3f, 0.9f, 0.95f, 1e-8f, 0f, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adamw: step must be at least 1, got 0");
  }
}
