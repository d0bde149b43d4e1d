package org.tinyformer.kernels.gemm;

import org.tinyformer.kernels.runtime.Simd;

/**
 * Few-row products with a (out, in) weight, the shape of decoding one token at a time: {@code out
 * (M, N) = inp (M, K) · weightᵀ + bias}, one dot product per output, on the calling thread. For
 * small M this beats a GEMM, which would pack the whole weight for one row. Vector API with FMA
 * accumulators, or {@link GemvPlain}. Usage: {@code GemvKernel.forward(out, inp, weight, bias, 1,
 * C, OC)}.
 */
public final class GemvKernel {
  private GemvKernel() {}

  /** out (M, N) = inp (M, K) · weight (N, K)ᵀ + bias (N); bias may be null. */
  // spotless:off
  public static void forward(float[] out, float[] inp, float[] weight, float[] bias, int M, int K, int N) {
    forward(out, 0, inp, 0, weight, 0, bias, M, K, N);
  }
  // spotless:on

  /** The same with each matrix starting at an offset in its array. */
  // spotless:off
  public static void forward(float[] out, int outOff, float[] inp, int inpOff, float[] weight, int weightOff, float[] bias, int M, int K, int N) {
    if (M < 0 || K < 0 || N < 0) {
      throw new IllegalArgumentException("gemv: dimensions must be >= 0, got M " + M + ", K " + K + ", N " + N);
    }
    need("out", out, outOff, (long) M * N);
    need("inp", inp, inpOff, (long) M * K);
    need("weight", weight, weightOff, (long) N * K);
    if (bias != null) {
      need("bias", bias, 0, N);
    }
    if (Simd.AVAILABLE) {
      GemvVector.forward(out, outOff, inp, inpOff, weight, weightOff, bias, M, K, N);
    } else {
      Simd.noticeIfUnavailable();
      GemvPlain.forward(out, outOff, inp, inpOff, weight, weightOff, bias, M, K, N);
    }
  }
  // spotless:on

  private static void need(String name, float[] array, int offset, long size) {
    if (offset < 0 || array.length - (long) offset < size) {
      throw new IllegalArgumentException(
          "gemv: "
              + name
              + " has "
              + array.length
              + " elements, expected at least "
              + size
              + " from offset "
              + offset);
    }
  }
}
