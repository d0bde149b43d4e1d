package org.tinyformer.kernels;

/**
 * Fast (batch, head) loops of {@link AttentionKernel}: each head's q, k, v are gathered into
 * contiguous scratch, the products run on {@link Gemm} (single-threaded inside the pair loop) and
 * the masked softmax on Vector API rows. Same contracts as {@link AttentionPlain}.
 */
final class AttentionVector {
  private AttentionVector() {}

  /** out (B, Tq, C) and att (B, NH, Tq, Tk) for pairs {@code p = b NH + h} in [p0, p1). */
  static void forward(AttentionHeads a, float[] out, float[] att, int p0, int p1) {
    int Tq = a.Tq;
    int Tk = a.Tk;
    int HS = a.HS;
    float[] q = new float[Tq * HS]; // (Tq, HS)
    float[] k = new float[Tk * HS]; // (Tk, HS)
    float[] v = new float[Tk * HS]; // (Tk, HS)
    float[] o = new float[Tq * HS]; // (Tq, HS)
    for (int p = p0; p < p1; p++) {
      int b = p / a.NH;
      int h = p % a.NH;
      int w = a.attAt(b, h); // (Tq, Tk) block of att
      gather(q, a.q, a.qAt(b, 0, h), a.qStride, Tq, HS);
      gather(k, a.k, a.kAt(b, 0, h), a.kStride, Tk, HS);
      gather(v, a.v, a.vAt(b, 0, h), a.vStride, Tk, HS);
      Gemm.matmulTransB(att, w, q, 0, k, 0, Tq, HS, Tk, false); // (Tq, Tk) = q kᵀ
      for (int i = 0; i < Tq; i++) {
        maskedSoftmaxRow(a, att, w + i * Tk, b, i);
      }
      Gemm.matmul(o, 0, att, w, v, 0, Tq, Tk, HS, false); // (Tq, HS) = att v
      for (int i = 0; i < Tq; i++) {
        System.arraycopy(o, i * HS, out, (b * Tq + i) * a.C + h * HS, HS);
      }
    }
  }

  /**
   * Accumulates into dq, dk, dv (each may be null) for pairs [p0, p1). forward was: {@code s =
   * scale q kᵀ}, {@code att = softmax(s)}, {@code out = att v}.
   */
  static void backward(
      AttentionHeads a,
      float[] dq,
      float[] dk,
      float[] dv,
      float[] dout,
      float[] att,
      int p0,
      int p1) {
    int Tq = a.Tq;
    int Tk = a.Tk;
    int HS = a.HS;
    float[] q = new float[Tq * HS]; // (Tq, HS)
    float[] k = new float[Tk * HS]; // (Tk, HS)
    float[] v = new float[Tk * HS]; // (Tk, HS)
    float[] g = new float[Tq * HS]; // (Tq, HS) dout of this head
    float[] ds = new float[Tq * Tk]; // (Tq, Tk) d att, then d s
    float[] dqh = new float[Tq * HS]; // (Tq, HS)
    float[] dkh = new float[Tk * HS]; // (Tk, HS), also reused for dv
    for (int p = p0; p < p1; p++) {
      int b = p / a.NH;
      int h = p % a.NH;
      int w = a.attAt(b, h);
      gather(q, a.q, a.qAt(b, 0, h), a.qStride, Tq, HS);
      gather(k, a.k, a.kAt(b, 0, h), a.kStride, Tk, HS);
      gather(v, a.v, a.vAt(b, 0, h), a.vStride, Tk, HS);
      gather(g, dout, (b * Tq) * a.C + h * HS, a.C, Tq, HS);
      if (dv != null) {
        Gemm.matmulTransA(dkh, 0, att, w, g, 0, Tk, Tq, HS, false); // d v = attᵀ dout
        scatterAdd(dv, a.vAt(b, 0, h), a.vStride, dkh, Tk, HS);
      }
      Gemm.matmulTransB(ds, 0, g, 0, v, 0, Tq, HS, Tk, false); // d att = dout vᵀ
      for (int i = 0; i < Tq; i++) {
        softmaxBackwardRow(ds, att, i * Tk, w + i * Tk, Tk, a.scale);
      }
      if (dq != null) {
        Gemm.matmul(dqh, 0, ds, 0, k, 0, Tq, Tk, HS, false); // d q = d s k
        scatterAdd(dq, a.qAt(b, 0, h), a.qStride, dqh, Tq, HS);
      }
      if (dk != null) {
        Gemm.matmulTransA(dkh, 0, ds, 0, q, 0, Tk, Tq, HS, false); // d k = d sᵀ q
        scatterAdd(dk, a.kAt(b, 0, h), a.kStride, dkh, Tk, HS);
      }
    }
  }

  /**
   * att[row ..] holds q_i . k_j; replaces it with the softmax of {@code scale * s} over the keys
   * query i may see, 0 elsewhere (all 0 when it sees none).
   */
  private static void maskedSoftmaxRow(AttentionHeads a, float[] att, int row, int b, int i) {
    int visible = a.visibleKeys(i);
    if (a.keyPadding != null) {
      for (int j = 0; j < visible; j++) {
        if (a.keyPadding[b * a.Tk + j]) {
          att[row + j] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    java.util.Arrays.fill(att, row + visible, row + a.Tk, 0f);
    float max = visible == 0 ? Float.NEGATIVE_INFINITY : VectorMath.max(att, row, visible);
    if (max == Float.NEGATIVE_INFINITY) {
      java.util.Arrays.fill(att, row, row + visible, 0f);
      return;
    }
    VectorMath.scale(att, row, a.scale, visible);
    float sum = SoftmaxVector.expShifted(att, row, att, row, visible, max * a.scale);
    VectorMath.scale(att, row, 1f / sum, visible);
  }

  /** ds[dOff ..] = att * (datt - sum(datt * att)) * scale, in place over one row of Tk. */
  private static void softmaxBackwardRow(
      float[] ds, float[] att, int dOff, int aOff, int Tk, float scale) {
    float dot = VectorMath.dot(ds, dOff, att, aOff, Tk);
    for (int j = 0; j < Tk; j++) {
      ds[dOff + j] = att[aOff + j] * (ds[dOff + j] - dot) * scale;
    }
  }

  /** dst (rows, HS) = the HS floats at {@code src[off + r stride]} for each row r. */
  private static void gather(float[] dst, float[] src, int off, int stride, int rows, int HS) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src, off + r * stride, dst, r * HS, HS);
    }
  }

  /** {@code dst[off + r stride ..] += src (rows, HS)} row by row. */
  private static void scatterAdd(float[] dst, int off, int stride, float[] src, int rows, int HS) {
    for (int r = 0; r < rows; r++) {
      VectorMath.axpy(dst, off + r * stride, 1f, src, r * HS, HS);
    }
  }
}
