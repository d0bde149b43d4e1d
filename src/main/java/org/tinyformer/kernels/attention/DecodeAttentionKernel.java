package org.tinyformer.kernels.attention;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Simd;

/**
 * The two products of one query's attention over cached positions during decoding: scores {@code
 * (S) = scale * q (HS) · K} with the keys stored transposed (HS rows of {@code stride} positions),
 * and {@code out (HS) = Σ_s w_s v_s} over values (S, HS). Every output sums in order with FMA, no
 * cross-lane reduction, so the Vector API path and {@link DecodeAttentionPlain} give the same bits.
 * Usage: {@code scores(att, 0, qkv, q, keys, k, capacity, HS, S, 1 / sqrt(HS))}.
 */
public final class DecodeAttentionKernel {
  private DecodeAttentionKernel() {}

  /** scores[sOff + s] = scale * Σ_i q[qOff + i] keys[kOff + i stride + s], s in [0, S). */
  // spotless:off
  public static void scores(float[] scores, int sOff, float[] q, int qOff, float[] keys, int kOff, int stride, int HS, int S, float scale) {
    String op = "decodeAttention.scores";
    KernelArgs.positive(op, "HS, S", HS, S);
    KernelArgs.check(stride >= S, "%s: stride %d is below S %d", op, stride, S);
    slice(op, "scores", scores, sOff, S);
    slice(op, "q", q, qOff, HS);
    slice(op, "keys", keys, kOff, (long) (HS - 1) * stride + S);
    if (Simd.AVAILABLE) {
      DecodeAttentionVector.scores(scores, sOff, q, qOff, keys, kOff, stride, HS, S, scale);
    } else {
      Simd.noticeIfUnavailable();
      DecodeAttentionPlain.scores(scores, sOff, q, qOff, keys, kOff, stride, HS, S, scale);
    }
  }
  // spotless:on

  /** out[oOff + j] = Σ_s w[wOff + s] values[vOff + s HS + j], j in [0, HS). */
  // spotless:off
  public static void weightedSum(float[] out, int oOff, float[] w, int wOff, float[] values, int vOff, int HS, int S) {
    String op = "decodeAttention.weightedSum";
    KernelArgs.positive(op, "HS, S", HS, S);
    slice(op, "out", out, oOff, HS);
    slice(op, "w", w, wOff, S);
    slice(op, "values", values, vOff, (long) S * HS);
    if (Simd.AVAILABLE) {
      DecodeAttentionVector.weightedSum(out, oOff, w, wOff, values, vOff, HS, S);
    } else {
      Simd.noticeIfUnavailable();
      DecodeAttentionPlain.weightedSum(out, oOff, w, wOff, values, vOff, HS, S);
    }
  }
  // spotless:on

  private static void slice(String op, String name, float[] x, int offset, long size) {
    if (x == null || offset < 0 || x.length - (long) offset < size) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s needs %d floats from offset %d, array has %d",
              op, name, size, offset, x == null ? 0 : x.length));
    }
  }
}
