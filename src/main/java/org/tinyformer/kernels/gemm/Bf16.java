package org.tinyformer.kernels.gemm;

/**
 * bfloat16 (the top 16 bits of an IEEE float32: sign, 8 exponent bits, 7 mantissa bits): rounding
 * float to bf16 to nearest, ties to even, and widening bf16 back to float (exact). NaN stays NaN.
 *
 * <p>{@code short b = Bf16.fromFloat(x); float y = Bf16.toFloat(b); // |y - x| <= 2^-8 |x|}
 */
public final class Bf16 {
  private Bf16() {}

  /** The bf16 nearest to {@code x} (ties to even). */
  public static short fromFloat(float x) {
    int bits = Float.floatToRawIntBits(x);
    if ((bits & 0x7FFFFFFF) > 0x7F800000) { // NaN: keep it a (quiet) NaN
      return (short) ((bits >>> 16) | 0x0040);
    }
    int lsb = (bits >>> 16) & 1;
    return (short) ((bits + 0x7FFF + lsb) >>> 16);
  }

  /** The float value of the bf16 {@code b}. */
  public static float toFloat(short b) {
    return Float.intBitsToFloat((b & 0xFFFF) << 16);
  }

  /** {@code x} rounded to the nearest bf16 and widened back (what a bf16 matmul input sees). */
  public static float round(float x) {
    return toFloat(fromFloat(x));
  }

  /** Rounds {@code n} floats of {@code src} from {@code offset} into {@code dst} (may alias). */
  public static void round(float[] dst, float[] src, int offset, int n) {
    for (int i = offset; i < offset + n; i++) {
      dst[i] = round(src[i]);
    }
  }
}
