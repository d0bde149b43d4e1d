package org.tinyformer.kernels.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API building blocks shared by the fast kernels: sums, dot products, max and the GELU /
 * sigmoid lanewise forms. Loaded only when {@link Simd#AVAILABLE}; each has a scalar tail.
 */
public final class VectorMath {
  private VectorMath() {}

  public static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  public static final int L = S.length();

  /** sqrt(2 / pi), the GELU tanh-form constant. */
  public static final float GELU_K = (float) Math.sqrt(2.0 / Math.PI);

  public static final float GELU_C = 0.044715f;

  /**
   * Butterfly shuffles for {@link #sumLanes}: lane i takes lane i ^ h. Separate static finals, not
   * an array, so that C2 sees constants and intrinsifies every rearrange (from an array it fell
   * back to the allocating Java path in some callers).
   */
  private static final VectorShuffle<Float> SWAP_8 = butterfly(8);

  private static final VectorShuffle<Float> SWAP_4 = butterfly(4);
  private static final VectorShuffle<Float> SWAP_2 = butterfly(2);
  private static final VectorShuffle<Float> SWAP_1 = butterfly(1);

  /** Lane i takes lane i ^ h; the identity when h is not below the lane count (never used). */
  private static VectorShuffle<Float> butterfly(int h) {
    return VectorShuffle.fromOp(S, i -> h < L ? i ^ h : i);
  }

  /**
   * Sum of the lanes in a fixed pairwise tree of lanewise adds (halves first), so every JIT tier
   * gives the same bits; {@code reduceLanes(ADD)} does not (C2 and the Java fallback add in
   * different orders).
   */
  public static float sumLanes(FloatVector v) {
    if (L > 16) {
      throw new IllegalStateException("sumLanes: at most 16 float lanes, got " + L);
    }
    if (L == 16) {
      v = v.add(v.rearrange(SWAP_8));
    }
    if (L >= 8) {
      v = v.add(v.rearrange(SWAP_4));
    }
    if (L >= 4) {
      v = v.add(v.rearrange(SWAP_2));
    }
    if (L >= 2) {
      v = v.add(v.rearrange(SWAP_1));
    }
    return v.lane(0);
  }

  /** Sum of {@code x[off .. off+n)}. */
  public static float sum(float[] x, int off, int n) {
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (int ub = S.loopBound(n); i < ub; i += L) {
      acc = acc.add(FloatVector.fromArray(S, x, off + i));
    }
    float s = sumLanes(acc);
    for (; i < n; i++) {
      s += x[off + i];
    }
    return s;
  }

  /** Dot product of {@code a[aOff ..]} and {@code b[bOff ..]} over n elements. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (int ub = S.loopBound(n); i < ub; i += L) {
      acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
    }
    float s = sumLanes(acc);
    for (; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  /** Maximum of {@code x[off .. off+n)}, n >= 1. */
  public static float max(float[] x, int off, int n) {
    FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    int i = 0;
    for (int ub = S.loopBound(n); i < ub; i += L) {
      acc = acc.max(FloatVector.fromArray(S, x, off + i));
    }
    float m = acc.reduceLanes(VectorOperators.MAX); // exact in any order, so tier-stable
    for (; i < n; i++) {
      m = Math.max(m, x[off + i]);
    }
    return m;
  }

  /** {@code y[yOff ..] += a * x[xOff ..]} over n elements. */
  public static void axpy(float[] y, int yOff, float a, float[] x, int xOff, int n) {
    int i = 0;
    for (int ub = S.loopBound(n); i < ub; i += L) {
      FloatVector.fromArray(S, x, xOff + i)
          .fma(FloatVector.broadcast(S, a), FloatVector.fromArray(S, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  /** {@code x[off ..] *= a} over n elements. */
  public static void scale(float[] x, int off, float a, int n) {
    int i = 0;
    for (int ub = S.loopBound(n); i < ub; i += L) {
      FloatVector.fromArray(S, x, off + i).mul(a).intoArray(x, off + i);
    }
    for (; i < n; i++) {
      x[off + i] *= a;
    }
  }

  /**
   * tanh(u) as {@code 1 - 2 / (exp(2u) + 1)}, saturating to +-1: about 2.5x cheaper than the
   * accurate {@link VectorFunctions#tanh}, with absolute error near 1e-7, enough inside GELU's
   * {@code 1 + tanh}.
   */
  public static FloatVector tanh(FloatVector u) {
    return FloatVector.broadcast(S, 1f).sub(VectorFunctions.tanhTail(u));
  }

  /** The logistic sigmoid {@code 1 / (1 + exp(-x))} lanewise. */
  public static FloatVector sigmoid(FloatVector x) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    return one.div(VectorFunctions.exp(x.neg()).add(one));
  }
}
