package org.tinyformer.kernels.attention;

import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.norms.SoftmaxVector;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Fast (batch, head) loops of {@link AttentionKernel}: each head's q, k, v are gathered into
 * contiguous scratch, the products run on {@link GemmKernel} (single-threaded inside the pair loop)
 * and the masked softmax on Vector API rows; causal pairs whose heads are whole 2-vector chunks go
 * to {@link AttentionVectorCausal} instead. Same contracts as {@link AttentionPlain}.
 */
final class AttentionVector {
  private AttentionVector() {}

  /** out (B, Tq, C) and att (B, NH, Tq, Tk) for pairs {@code p = b NH + h} in [p0, p1). */
  static void forward(AttentionHeads a, float[] out, float[] att, int p0, int p1) {
    if (AttentionVectorCausal.fitsForward(a)) {
      AttentionVectorCausal.Scratch x = AttentionVectorCausal.scratch(a.Tq, a.HS);
      for (int p = p0; p < p1; p++) {
        AttentionVectorCausal.forwardPair(a, out, att, p / a.NH, p % a.NH, x);
      }
      return;
    }
    int Tq = a.Tq;
    int Tk = a.Tk;
    int HS = a.HS;
    Buffers x = buffers(a);
    float[] q = x.q; // (Tq, HS)
    float[] k = x.k; // (Tk, HS)
    float[] v = x.v; // (Tk, HS)
    float[] o = x.dqh; // (Tq, HS)
    for (int p = p0; p < p1; p++) {
      int b = p / a.NH;
      int h = p % a.NH;
      int w = a.attAt(b, h); // (Tq, Tk) block of att
      gather(q, a.q, a.qAt(b, 0, h), a.qStride, Tq, HS);
      gather(k, a.k, a.kAt(b, 0, h), a.kStride, Tk, HS);
      gather(v, a.v, a.vAt(b, 0, h), a.vStride, Tk, HS);
      GemmKernel.matmulTransB(att, w, q, 0, k, 0, Tq, HS, Tk, false); // (Tq, Tk) = q kᵀ
      for (int i = 0; i < Tq; i++) {
        maskedSoftmaxRow(a, att, w + i * Tk, b, i);
      }
      GemmKernel.matmul(o, 0, att, w, v, 0, Tq, Tk, HS, false); // (Tq, HS) = att v
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
    boolean square = AttentionVectorCausal.fitsShape(a);
    AttentionVectorCausal.Scratch x = square ? AttentionVectorCausal.scratch(a.Tq, a.HS) : null;
    Buffers buffers = null; // for pairs the causal kernel does not take
    for (int p = p0; p < p1; p++) {
      int b = p / a.NH;
      int h = p % a.NH;
      // a causal forward left att 0 above the diagonal; any other att is scanned for it
      if (square
          && ((a.causal && a.keyPadding == null)
              || AttentionVectorCausal.isCausal(att, a.attAt(b, h), a.Tq))) {
        AttentionVectorCausal.backwardPair(a, dq, dk, dv, dout, att, b, h, x);
      } else {
        buffers = buffers == null ? buffers(a) : buffers;
        backwardPair(a, dq, dk, dv, dout, att, b, h, buffers);
      }
    }
  }

  private static final ThreadLocal<Buffers> BUFFERS = new ThreadLocal<>();

  /** This thread's scratch for heads of a's shape, kept between calls (every use overwrites it). */
  private static Buffers buffers(AttentionHeads a) {
    Buffers x = BUFFERS.get();
    if (x == null || x.Tq != a.Tq || x.Tk != a.Tk || x.HS != a.HS) {
      x = new Buffers(a);
      BUFFERS.set(x);
    }
    return x;
  }

  /** Per-head scratch of the general path (the forward uses q, k, v and dqh for its output). */
  private static final class Buffers {
    final int Tq, Tk, HS;
    final float[] q, k, v, g; // (Tq or Tk, HS) gathered heads; g is dout of this head
    final float[] ds; // (Tq, Tk) d att, then d s
    final float[] dqh; // (Tq, HS)
    final float[] dkh; // (Tk, HS), also reused for dv

    Buffers(AttentionHeads a) {
      Tq = a.Tq;
      Tk = a.Tk;
      HS = a.HS;
      q = new float[a.Tq * a.HS];
      k = new float[a.Tk * a.HS];
      v = new float[a.Tk * a.HS];
      g = new float[a.Tq * a.HS];
      ds = new float[a.Tq * a.Tk];
      dqh = new float[a.Tq * a.HS];
      dkh = new float[a.Tk * a.HS];
    }
  }

  /** The general backward of pair (b, h): full (Tq, Tk) products on {@link GemmKernel}. */
  private static void backwardPair(
      AttentionHeads a,
      float[] dq,
      float[] dk,
      float[] dv,
      float[] dout,
      float[] att,
      int b,
      int h,
      Buffers x) {
    int Tq = a.Tq, Tk = a.Tk, HS = a.HS, w = a.attAt(b, h);
    gather(x.q, a.q, a.qAt(b, 0, h), a.qStride, Tq, HS);
    gather(x.k, a.k, a.kAt(b, 0, h), a.kStride, Tk, HS);
    gather(x.v, a.v, a.vAt(b, 0, h), a.vStride, Tk, HS);
    gather(x.g, dout, (b * Tq) * a.C + h * HS, a.C, Tq, HS);
    if (dv != null) {
      GemmKernel.matmulTransA(x.dkh, 0, att, w, x.g, 0, Tk, Tq, HS, false); // d v = attᵀ dout
      scatterAdd(dv, a.vAt(b, 0, h), a.vStride, x.dkh, Tk, HS);
    }
    GemmKernel.matmulTransB(x.ds, 0, x.g, 0, x.v, 0, Tq, HS, Tk, false); // d att = dout vᵀ
    for (int i = 0; i < Tq; i++) {
      softmaxBackwardRow(x.ds, att, i * Tk, w + i * Tk, Tk, a.scale);
    }
    if (dq != null) {
      GemmKernel.matmul(x.dqh, 0, x.ds, 0, x.k, 0, Tq, Tk, HS, false); // d q = d s k
      scatterAdd(dq, a.qAt(b, 0, h), a.qStride, x.dqh, Tq, HS);
    }
    if (dk != null) {
      GemmKernel.matmulTransA(x.dkh, 0, x.ds, 0, x.q, 0, Tk, Tq, HS, false); // d k = d sᵀ q
      scatterAdd(dk, a.kAt(b, 0, h), a.kStride, x.dkh, Tk, HS);
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
  static void gather(float[] dst, float[] src, int off, int stride, int rows, int HS) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src, off + r * stride, dst, r * HS, HS);
    }
  }

  /** {@code dst[off + r stride ..] += src (rows, HS)} row by row. */
  static void scatterAdd(float[] dst, int off, int stride, float[] src, int rows, int HS) {
    for (int r = 0; r < rows; r++) {
      VectorMath.axpy(dst, off + r * stride, 1f, src, r * HS, HS);
    }
  }
}
