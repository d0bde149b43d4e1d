package org.tinyformer.kernels.attention;

/**
 * Where the heads of one attention call live, so causal self-, non-causal self- and cross-attention
 * share one loop: query row t of batch b starts at {@code qOff + (b Tq + t) qStride}, head h is the
 * HS floats from {@code h HS} in it; keys and values likewise with Tk rows. The gradient arrays of
 * a backward pass use the same offsets and strides.
 */
final class AttentionHeads {
  final float[] q;
  final int qOff;
  final int qStride;
  final float[] k;
  final int kOff;
  final int kStride;
  final float[] v;
  final int vOff;
  final int vStride;
  final boolean[] keyPadding; // (B, Tk), true = ignore that key; or null
  final boolean causal; // query i sees keys j <= i + (Tk - Tq)
  final int B;
  final int Tq;
  final int Tk;
  final int C;
  final int NH;
  final int HS;
  final float scale;

  AttentionHeads(
      float[] q,
      int qOff,
      int qStride,
      float[] k,
      int kOff,
      int kStride,
      float[] v,
      int vOff,
      int vStride,
      boolean[] keyPadding,
      boolean causal,
      int[] dims) {
    this.q = q;
    this.qOff = qOff;
    this.qStride = qStride;
    this.k = k;
    this.kOff = kOff;
    this.kStride = kStride;
    this.v = v;
    this.vOff = vOff;
    this.vStride = vStride;
    this.keyPadding = keyPadding;
    this.causal = causal;
    this.B = dims[0];
    this.Tq = dims[1];
    this.Tk = dims[2];
    this.C = dims[3];
    this.NH = dims[4];
    this.HS = C / NH;
    this.scale = (float) (1.0 / Math.sqrt(HS));
  }

  /** Start of head h of query row t in batch b, in {@link #q} (and in dq). */
  int qAt(int b, int t, int h) {
    return qOff + (b * Tq + t) * qStride + h * HS;
  }

  /** Start of head h of key row t in batch b, in {@link #k} (and in dk). */
  int kAt(int b, int t, int h) {
    return kOff + (b * Tk + t) * kStride + h * HS;
  }

  /** Start of head h of value row t in batch b, in {@link #v} (and in dv). */
  int vAt(int b, int t, int h) {
    return vOff + (b * Tk + t) * vStride + h * HS;
  }

  /** Start of the (Tq, Tk) attention block of (b, h) in att (B, NH, Tq, Tk). */
  int attAt(int b, int h) {
    return (b * NH + h) * Tq * Tk;
  }

  /** Keys {@code [0, visibleKeys(i))} may be seen by query i under the causal mask. */
  int visibleKeys(int i) {
    return causal ? Math.max(0, Math.min(Tk, i + (Tk - Tq) + 1)) : Tk;
  }

  /** Whether query i of batch b may not see key j. */
  boolean masked(int b, int i, int j) {
    return j >= visibleKeys(i) || (keyPadding != null && keyPadding[b * Tk + j]);
  }
}
