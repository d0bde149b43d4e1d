package org.tinyformer.kernels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.tinyformer.base.Rng;

/**
 * Comparisons for kernel tests that report the largest difference, plus seeded random inputs.
 * Tolerance is mixed: {@code |actual - expected| <= tol * (1 + |expected|)} element by element.
 */
public final class KernelAsserts {
  private KernelAsserts() {}

  public static void assertClose(String what, float[] actual, float[] expected, double tol) {
    assertClose(
        what, FiniteDifferences.toDouble(actual), FiniteDifferences.toDouble(expected), tol);
  }

  public static void assertClose(String what, float[] actual, double[] expected, double tol) {
    assertClose(what, FiniteDifferences.toDouble(actual), expected, tol);
  }

  public static void assertClose(String what, double[] actual, double[] expected, double tol) {
    assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
    double worst = 0;
    int at = -1;
    for (int i = 0; i < actual.length; i++) {
      double excess = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
      if (!(excess <= worst)) {
        worst = excess;
        at = i;
      }
    }
    if (at >= 0 && !(worst <= tol)) {
      throw new AssertionError(
          String.format(
              "%s: max scaled difference %.3g > %.3g at index %d: actual %s, expected %s",
              what, worst, tol, at, actual[at], expected[at]));
    }
  }

  public static float[] randn(Rng rng, int n, float std) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian() * std;
    }
    return x;
  }

  public static float[] uniform(Rng rng, int n, float low, float high) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = low + (high - low) * rng.nextFloat();
    }
    return x;
  }

  /** a - b elementwise: the part a kernel added to a gradient that started at b. */
  public static float[] minus(float[] a, float[] b) {
    float[] d = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
