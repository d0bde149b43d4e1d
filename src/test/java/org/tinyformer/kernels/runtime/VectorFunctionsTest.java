package org.tinyformer.kernels.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The polynomial exp, log and tanh against double-precision Math over dense grids (error in float
 * ulps of the exact result) and at their special values; the lane sum in its fixed order.
 */
class VectorFunctionsTest {
  private static final int POINTS = 1 << 20;

  @Test
  void expIsWithinTwoUlpFromUnderflowToOverflow() {
    float[] x = grid(-104f, 89f);
    assertWithinUlp("exp", apply(VectorFunctions::exp, x), x, Math::exp, 2);
  }

  @Test
  void expHandlesOverflowUnderflowInfinitiesAndNaN() {
    float[] x = {89f, 1e30f, Float.POSITIVE_INFINITY, -105f, -1e30f, Float.NEGATIVE_INFINITY};
    assertThat(apply(VectorFunctions::exp, x))
        .containsExactly(
            Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 0f, 0f, 0f);
    assertThat(apply(VectorFunctions::exp, new float[] {0f, -0f, Float.NaN}))
        .containsExactly(1f, 1f, Float.NaN);
    float[] edge = apply(VectorFunctions::exp, new float[] {88.72f, -103f});
    assertThat(edge[0]).isFinite().isGreaterThan(3e38f);
    assertThat(edge[1]).isPositive().isLessThan(1e-44f);
  }

  @Test
  void logIsWithinTwoUlpOverAllPositiveFloatsIncludingSubnormals() {
    float[] x = new float[POINTS];
    for (int i = 0; i < POINTS; i++) { // every exponent, subnormals first
      x[i] = Float.intBitsToFloat(1 + (int) ((long) i * (0x7F7FFFFFL - 1) / (POINTS - 1)));
    }
    assertWithinUlp("log", apply(VectorFunctions::log, x), x, Math::log, 2);
    float[] near1 = grid(0.5f, 2f);
    assertWithinUlp("log near 1", apply(VectorFunctions::log, near1), near1, Math::log, 2);
  }

  @Test
  void logOfZeroIsMinusInfinityAndOfNegativesNaN() {
    float[] x = {0f, -0f, -1f, Float.NEGATIVE_INFINITY, Float.NaN, Float.POSITIVE_INFINITY, 1f};
    assertThat(apply(VectorFunctions::log, x))
        .containsExactly(
            Float.NEGATIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.NaN,
            Float.NaN,
            Float.NaN,
            Float.POSITIVE_INFINITY,
            0f);
  }

  @Test
  void tanhIsWithinTwoUlpNearZeroAndOut() {
    float[] x = grid(-12f, 12f);
    assertWithinUlp("tanh", apply(VectorFunctions::tanh, x), x, Math::tanh, 2);
    float[] small = grid(-1e-3f, 1e-3f);
    assertWithinUlp("tanh small", apply(VectorFunctions::tanh, small), small, Math::tanh, 2);
  }

  @Test
  void tanhSaturatesIsOddAndKeepsNaN() {
    float[] x = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 50f, -50f, -0f, 1e-30f};
    assertThat(apply(VectorFunctions::tanh, x)).containsExactly(1f, -1f, 1f, -1f, -0f, 1e-30f);
    assertThat(apply(VectorFunctions::tanh, new float[] {Float.NaN})).containsExactly(Float.NaN);
  }

  @Test
  void sumLanesAddsInTheFixedButterflyOrder() {
    int L = VectorMath.L;
    org.tinyformer.base.Rng rng = new org.tinyformer.base.Rng(3);
    for (int trial = 0; trial < 20_000; trial++) {
      float[] v = new float[L];
      for (int i = 0; i < L; i++) {
        v[i] = rng.nextGaussian() * (float) Math.pow(10, rng.nextInt(8) - 4);
      }
      float expected = butterfly(v.clone());
      float actual = VectorMath.sumLanes(FloatVector.fromArray(VectorMath.S, v, 0));
      assertThat(Float.floatToRawIntBits(actual))
          .as("trial %d", trial)
          .isEqualTo(Float.floatToRawIntBits(expected));
    }
  }

  /** Lane i takes lane i ^ h for h = L/2 .. 1, then lane 0: the documented order, in scalars. */
  private static float butterfly(float[] v) {
    for (int h = v.length / 2; h >= 1; h /= 2) {
      float[] w = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        w[i] = v[i] + v[i ^ h];
      }
      v = w;
    }
    return v[0];
  }

  /** POINTS evenly spaced floats over [lo, hi]. */
  static float[] grid(float lo, float hi) {
    float[] x = new float[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = (float) (lo + (hi - (double) lo) * i / (POINTS - 1));
    }
    return x;
  }

  static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
    int L = VectorMath.L;
    float[] padded = java.util.Arrays.copyOf(x, (x.length + L - 1) / L * L);
    float[] out = new float[padded.length];
    for (int i = 0; i < padded.length; i += L) {
      f.apply(FloatVector.fromArray(VectorMath.S, padded, i)).intoArray(out, i);
    }
    return java.util.Arrays.copyOf(out, x.length);
  }

  /** Error in ulps of the float nearest the exact value, which is close to Math's double. */
  static void assertWithinUlp(
      String what, float[] actual, float[] x, DoubleUnaryOperator exact, double maxUlp) {
    double worst = 0;
    int at = 0;
    for (int i = 0; i < x.length; i++) {
      double e = exact.applyAsDouble(x[i]);
      double ulps = actual[i] == (float) e ? 0 : Math.abs(actual[i] - e) / Math.ulp((float) e);
      if (!(ulps <= worst)) {
        worst = ulps;
        at = i;
      }
    }
    System.out.printf("%s: max error %.3f ulp at x = %s%n", what, worst, x[at]);
    assertThat(worst)
        .as("%s ulps at x = %s: got %s", what, x[at], actual[at])
        .isLessThanOrEqualTo(maxUlp);
  }
}
