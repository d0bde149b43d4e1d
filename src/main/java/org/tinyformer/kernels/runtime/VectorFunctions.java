package org.tinyformer.kernels.runtime;

import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, log and tanh of float lanes built only from add, mul, fma, div, compare, blend and bit
 * operations, each exactly rounded in every JIT tier: the interpreter, C1 and C2 give the same
 * bits, unlike lanewise EXP / LOG / TANH (C2 calls SVML-style stubs, the others Math). Cephes-style
 * range reduction and polynomials (Moshier, Cephes Math Library), within 2 ulp of exact. Methods
 * stay small so that C2 inlines them into the kernel loops (a vector across a call is boxed).
 */
public final class VectorFunctions {
  private VectorFunctions() {}

  /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer in the low bits. */
  private static final float ROUNDER = 12582912f;

  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  private static final FloatVector ROUNDER_V = FloatVector.broadcast(S, ROUNDER);
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
  private static final FloatVector MINUS_HALF = FloatVector.broadcast(S, -0.5f);
  private static final FloatVector LOG2E = FloatVector.broadcast(S, 1.44269504088896341f);

  /** ln 2 = LN2_HI + LN2_LO, the high part with trailing zero bits. */
  private static final float LN2_HI = 0.693359375f;

  private static final float LN2_LO = -2.12194440e-4f;
  private static final FloatVector LN2_HI_V = FloatVector.broadcast(S, LN2_HI);
  private static final FloatVector LN2_LO_V = FloatVector.broadcast(S, LN2_LO);
  private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(S, -LN2_HI);
  private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(S, -LN2_LO);

  /** exp rounds to 0 below EXP_MIN and overflows above EXP_MAX; clamping keeps 2^n in range. */
  private static final float EXP_MIN = -105f;

  private static final float EXP_MAX = 89f;

  /** e^x = 1 + r + r^2 P(r) on |r| <= ln2 / 2, coefficients of P from high to low degree. */
  private static final FloatVector EXP_P0 = FloatVector.broadcast(S, 1.9875691500e-4f);

  private static final FloatVector EXP_P1 = FloatVector.broadcast(S, 1.3981999507e-3f);
  private static final FloatVector EXP_P2 = FloatVector.broadcast(S, 8.3334519073e-3f);
  private static final FloatVector EXP_P3 = FloatVector.broadcast(S, 4.1665795894e-2f);
  private static final FloatVector EXP_P4 = FloatVector.broadcast(S, 1.6666665459e-1f);
  private static final FloatVector EXP_P5 = FloatVector.broadcast(S, 5.0000001201e-1f);

  /** e^x lanewise: +inf above 88.72, 0 below -103.97, NaN stays NaN, subnormals rounded once. */
  public static FloatVector exp(FloatVector x) {
    // compare-and-blend rather than min / max: cheaper than their NaN rules, and NaN stays NaN
    FloatVector c = x.blend(EXP_MIN, x.compare(VectorOperators.LT, EXP_MIN));
    c = c.blend(EXP_MAX, c.compare(VectorOperators.GT, EXP_MAX));
    FloatVector t = c.fma(LOG2E, ROUNDER_V); // ROUNDER + round(x log2 e)
    FloatVector n = t.sub(ROUNDER);
    FloatVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, c)); // x - n ln 2
    return scaleByPowerOfTwo(expReduced(r), t.reinterpretAsInts().sub(ROUNDER_BITS));
  }

  /** e^r for |r| <= ln2 / 2. */
  private static FloatVector expReduced(FloatVector r) {
    FloatVector p = EXP_P0.fma(r, EXP_P1);
    p = p.fma(r, EXP_P2);
    p = p.fma(r, EXP_P3);
    p = p.fma(r, EXP_P4);
    p = p.fma(r, EXP_P5);
    return p.fma(r.mul(r), r).add(ONE);
  }

  /** y 2^k for -152 <= k <= 129, as two normal factors so subnormal results round only once. */
  private static FloatVector scaleByPowerOfTwo(FloatVector y, IntVector k) {
    IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
    return y.mul(powerOfTwo(k1)).mul(powerOfTwo(k.sub(k1)));
  }

  /** 2^k for -126 <= k <= 127 from its exponent bits. */
  private static FloatVector powerOfTwo(IntVector k) {
    return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  private static final float SQRT_HALF = 0.707106781186547524f;

  /** ln(1 + f) = f - f^2 / 2 + f^3 P(f) on [sqrt(1/2) - 1, sqrt(2) - 1), high degree first. */
  private static final FloatVector LOG_P0 = FloatVector.broadcast(S, 7.0376836292e-2f);

  private static final FloatVector LOG_P1 = FloatVector.broadcast(S, -1.1514610310e-1f);
  private static final FloatVector LOG_P2 = FloatVector.broadcast(S, 1.1676998740e-1f);
  private static final FloatVector LOG_P3 = FloatVector.broadcast(S, -1.2420140846e-1f);
  private static final FloatVector LOG_P4 = FloatVector.broadcast(S, 1.4249322787e-1f);
  private static final FloatVector LOG_P5 = FloatVector.broadcast(S, -1.6668057665e-1f);
  private static final FloatVector LOG_P6 = FloatVector.broadcast(S, 2.0000714765e-1f);
  private static final FloatVector LOG_P7 = FloatVector.broadcast(S, -2.4999993993e-1f);
  private static final FloatVector LOG_P8 = FloatVector.broadcast(S, 3.3333331174e-1f);

  /** ln(x) lanewise: -inf at +-0, NaN below 0 and for NaN, +inf at +inf; subnormals included. */
  public static FloatVector log(FloatVector x) {
    VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
    IntVector bits = x.blend(x.mul(0x1p23f), subnormal).reinterpretAsInts();
    FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats(); // [0.5, 1)
    FloatVector e = toFloat(bits.lanewise(VectorOperators.LSHR, 23)).sub(126f); // x = m 2^e
    e = e.blend(e.sub(23f), subnormal);
    VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
    FloatVector y = logReduced(m.blend(m.add(m), low).sub(ONE), e.blend(e.sub(ONE), low));
    return logSpecialCases(y, x);
  }

  /** e ln 2 + ln(1 + f). */
  private static FloatVector logReduced(FloatVector f, FloatVector e) {
    FloatVector p = LOG_P0.fma(f, LOG_P1);
    p = p.fma(f, LOG_P2);
    p = p.fma(f, LOG_P3);
    p = p.fma(f, LOG_P4);
    p = p.fma(f, LOG_P5);
    p = p.fma(f, LOG_P6);
    p = p.fma(f, LOG_P7);
    p = p.fma(f, LOG_P8);
    FloatVector z = f.mul(f);
    FloatVector y = p.mul(f).mul(z); // f^3 P(f)
    y = e.fma(LN2_LO_V, y);
    y = z.fma(MINUS_HALF, y);
    return e.fma(LN2_HI_V, f.add(y));
  }

  private static FloatVector logSpecialCases(FloatVector y, FloatVector x) {
    y = y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
    y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    VectorMask<Float> nan = x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x));
    return y.blend(Float.NaN, nan);
  }

  /** Integers below 2^22 in magnitude to float exactly, by the same rounder trick as exp. */
  private static FloatVector toFloat(IntVector i) {
    return i.add(ROUNDER_BITS).reinterpretAsFloats().sub(ROUNDER_V);
  }

  /** Below this |x| tanh uses its odd polynomial, above it 1 - 2 / (e^{2|x|} + 1). */
  private static final float TANH_SMALL = 0.625f;

  /** tanh(x) = x + x^3 P(x^2) for |x| < 0.625, high degree first. */
  private static final FloatVector TANH_P0 = FloatVector.broadcast(S, -5.70498872745e-3f);

  private static final FloatVector TANH_P1 = FloatVector.broadcast(S, 2.06390887954e-2f);
  private static final FloatVector TANH_P2 = FloatVector.broadcast(S, -5.37397155531e-2f);
  private static final FloatVector TANH_P3 = FloatVector.broadcast(S, 1.33314422036e-1f);
  private static final FloatVector TANH_P4 = FloatVector.broadcast(S, -3.33332819422e-1f);

  /** tanh(x) lanewise: accurate near 0, odd, saturating to +-1, NaN stays NaN. */
  public static FloatVector tanh(FloatVector x) {
    FloatVector a = x.abs();
    FloatVector t =
        ONE.sub(tanhTail(a)).blend(tanhSmall(a), a.compare(VectorOperators.LT, TANH_SMALL));
    IntVector sign = x.reinterpretAsInts().and(0x80000000);
    return t.reinterpretAsInts().or(sign).reinterpretAsFloats();
  }

  private static FloatVector tanhSmall(FloatVector a) {
    FloatVector z = a.mul(a);
    FloatVector p = TANH_P0.fma(z, TANH_P1);
    p = p.fma(z, TANH_P2);
    p = p.fma(z, TANH_P3);
    p = p.fma(z, TANH_P4);
    return p.mul(z).fma(a, a);
  }

  /** 2 / (e^{2u} + 1) = 1 - tanh(u); 0 for large u, 2 for large -u. */
  public static FloatVector tanhTail(FloatVector u) {
    return TWO.div(exp(u.add(u)).add(ONE));
  }
}
