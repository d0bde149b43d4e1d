package org.tinyformer.kernels.attention;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API path of {@link DecodeAttentionKernel}: positions (for scores) or channels (for the
 * weighted sum) across the lanes, up to four independent accumulators; scalar tails in the same
 * order.
 */
final class DecodeAttentionVector {
  private DecodeAttentionVector() {}

  private static final VectorSpecies<Float> S_ = FloatVector.SPECIES_PREFERRED;
  private static final int L = S_.length();

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
    int s = 0;
    for (; s + 4 * L <= S; s += 4 * L) {
      FloatVector a0 = FloatVector.zero(S_);
      FloatVector a1 = FloatVector.zero(S_);
      FloatVector a2 = FloatVector.zero(S_);
      FloatVector a3 = FloatVector.zero(S_);
      for (int i = 0, k = kOff + s; i < HS; i++, k += stride) {
        FloatVector qi = FloatVector.broadcast(S_, q[qOff + i]);
        a0 = qi.fma(FloatVector.fromArray(S_, keys, k), a0);
        a1 = qi.fma(FloatVector.fromArray(S_, keys, k + L), a1);
        a2 = qi.fma(FloatVector.fromArray(S_, keys, k + 2 * L), a2);
        a3 = qi.fma(FloatVector.fromArray(S_, keys, k + 3 * L), a3);
      }
      a0.mul(scale).intoArray(scores, sOff + s);
      a1.mul(scale).intoArray(scores, sOff + s + L);
      a2.mul(scale).intoArray(scores, sOff + s + 2 * L);
      a3.mul(scale).intoArray(scores, sOff + s + 3 * L);
    }
    for (; s + L <= S; s += L) {
      FloatVector a = FloatVector.zero(S_);
      for (int i = 0, k = kOff + s; i < HS; i++, k += stride) {
        a = FloatVector.broadcast(S_, q[qOff + i]).fma(FloatVector.fromArray(S_, keys, k), a);
      }
      a.mul(scale).intoArray(scores, sOff + s);
    }
    for (; s < S; s++) {
      float sum = 0f;
      for (int i = 0; i < HS; i++) {
        sum = Math.fma(q[qOff + i], keys[kOff + i * stride + s], sum);
      }
      scores[sOff + s] = sum * scale;
    }
  }

  static void weightedSum(
      float[] out, int oOff, float[] w, int wOff, float[] values, int vOff, int HS, int S) {
    int j = 0;
    for (; j + 2 * L <= HS; j += 2 * L) {
      FloatVector a0 = FloatVector.zero(S_);
      FloatVector a1 = FloatVector.zero(S_);
      for (int s = 0, v = vOff + j; s < S; s++, v += HS) {
        FloatVector ws = FloatVector.broadcast(S_, w[wOff + s]);
        a0 = ws.fma(FloatVector.fromArray(S_, values, v), a0);
        a1 = ws.fma(FloatVector.fromArray(S_, values, v + L), a1);
      }
      a0.intoArray(out, oOff + j);
      a1.intoArray(out, oOff + j + L);
    }
    for (; j + L <= HS; j += L) {
      FloatVector a = FloatVector.zero(S_);
      for (int s = 0, v = vOff + j; s < S; s++, v += HS) {
        a = FloatVector.broadcast(S_, w[wOff + s]).fma(FloatVector.fromArray(S_, values, v), a);
      }
      a.intoArray(out, oOff + j);
    }
    for (; j < HS; j++) {
      float sum = 0f;
      for (int s = 0; s < S; s++) {
        sum = Math.fma(w[wOff + s], values[vOff + s * HS + j], sum);
      }
      out[oOff + j] = sum;
    }
  }
}
