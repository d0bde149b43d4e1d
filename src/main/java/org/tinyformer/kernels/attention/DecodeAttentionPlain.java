package org.tinyformer.kernels.attention;

/** The plain twin of {@link DecodeAttentionKernel}: the same sums, one output at a time. */
final class DecodeAttentionPlain {
  private DecodeAttentionPlain() {}

  static void scores(
      float[] scores,
      int sOff,
      float[] q,
      int qOff,
      float[] keys,
      int kOff,
      int stride,
      int HS,
      int S,
      float scale) {
    for (int s = 0; s < S; s++) {
      float sum = 0f;
      for (int i = 0; i < HS; i++) {
        sum = Math.fma(q[qOff + i], keys[kOff + i * stride + s], sum);
      }
      scores[sOff + s] = sum * scale;
    }
  }

  static void weightedSum(
      float[] out, int oOff, float[] w, int wOff, float[] values, int vOff, int HS, int S) {
    for (int j = 0; j < HS; j++) {
      float sum = 0f;
      for (int s = 0; s < S; s++) {
        sum = Math.fma(w[wOff + s], values[vOff + s * HS + j], sum);
      }
      out[oOff + j] = sum;
    }
  }
}
