package org.tinyformer.kernels.elementwise;

import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.SpeedReport;

/**
 * {@code KernelSpeed}'s elementwise cases: GELU and the AdamW update, plain vs vector vs kernel.
 */
public final class ElementwiseSpeed {
  private ElementwiseSpeed() {}

  /** Times and prints every case of this family. */
  public static void run(Rng rng) {
    gelu(rng);
    adamw(rng);
  }

  private static void gelu(Rng rng) {
    int n = 4096 * 1536;
    float[] x = randn(rng, n, 2f), y = new float[n], d = new float[n];
    SpeedReport.report(
        "gelu fwd+bwd",
        "N=" + n,
        () -> {
          GeluPlain.forward(y, x, n);
          GeluPlain.backward(d, x, y, n);
        },
        () -> {
          GeluVector.forwardRange(y, x, 0, n);
          GeluVector.backwardRange(d, x, y, 0, n);
        },
        () -> {
          GeluKernel.forward(y, x, n);
          GeluKernel.backward(d, x, y, n);
        });
  }

  private static void adamw(Rng rng) {
    int n = 4_000_000;
    float[] p = randn(rng, n, 1f), g = randn(rng, n, 1f);
    float[] m = new float[n], v = new float[n];
    float[] c = AdamWKernel.constants(1e-4f, 0.9f, 0.95f, 0.1f, 10);
    SpeedReport.report(
        "adamw",
        "n=" + n,
        () -> AdamWPlain.update(p, g, m, v, n, 1e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 10),
        () -> AdamWVector.updateRange(p, g, m, v, 0.9f, 0.95f, 1e-8f, c, 0, n),
        () -> AdamWKernel.update(p, g, m, v, n, 1e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 10));
  }
}
