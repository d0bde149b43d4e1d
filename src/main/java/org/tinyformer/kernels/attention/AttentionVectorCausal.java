package org.tinyformer.kernels.attention;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.tinyformer.kernels.norms.SoftmaxVector;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Causal self-attention for one (batch, head) at a time when a head is a whole number of 2-vector
 * chunks wide (32, 64, ... floats with AVX-512): register-blocked Vector API loops that visit only
 * the keys j <= i a query sees, half the multiply-adds of the general path's full (T, T) products,
 * and no packing. {@link AttentionVector} hands it the pairs it fits; {@link AttentionPlain} is the
 * oracle for both.
 */
final class AttentionVectorCausal {
  private AttentionVectorCausal() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int VL = S.length();

  /** Head sizes this kernel handles are multiples of this chunk (2 vectors, one register block). */
  static final int CHUNK = 2 * VL;

  /** Query rows per register block. */
  static final int RB = 4;

  /** Whether forward can take these heads: causal, no padding, square, HS a multiple of CHUNK. */
  static boolean fitsForward(AttentionHeads a) {
    return a.causal && a.keyPadding == null && fitsShape(a);
  }

  /**
   * Square heads of whole chunks; the backward also needs causal att per pair ({@link #isCausal}).
   */
  static boolean fitsShape(AttentionHeads a) {
    return a.HS % CHUNK == 0 && a.Tq == a.Tk;
  }

  private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>();

  /**
   * This thread's buffers for sequences of T: kept between calls, since the padding they rely on
   * (rows past T, columns past T) is never written and so stays zero.
   */
  static Scratch scratch(int T, int HS) {
    Scratch x = SCRATCH.get();
    if (x == null || x.T != T || x.HS != HS) {
      x = new Scratch(T, HS);
      SCRATCH.set(x);
    }
    return x;
  }

  /**
   * Buffers for one thread, rows padded to RB and key columns to 2 vectors. The operands the inner
   * loops load vectors from are laid out in CHUNK-wide blocks, so that every load is a constant
   * stride (CHUNK) from a loop-invariant base and C2 hoists its bounds check out of the loop.
   */
  static final class Scratch {
    final int T, HS, Tr, Tp;
    final float[] q, g; // (Tr, HS) row-major, rows past T zero: scalar operands
    final float[] qc, kc, vc, gc; // (HS / CHUNK, Tr, CHUNK) the same by column chunks (chunked)
    final float[] yT; // (Tp / CHUNK, HS, CHUNK) k or v transposed by key chunks, keys past T zero
    final float[] p; // (Tr, Tp) attention weights
    final float[] s; // (Tr, Tp) scores, or d att then d s
    final float[] dq, dk, dv; // (Tr, HS)

    Scratch(int T, int HS) {
      this.T = T;
      this.HS = HS;
      this.Tr = (T + RB - 1) / RB * RB;
      this.Tp = (T + 2 * VL - 1) / (2 * VL) * (2 * VL);
      q = new float[Tr * HS];
      g = new float[Tr * HS];
      qc = new float[Tr * HS];
      kc = new float[Tr * HS];
      vc = new float[Tr * HS];
      gc = new float[Tr * HS];
      yT = new float[HS * Tp];
      p = new float[Tr * Tp];
      s = new float[Tr * Tp];
      dq = new float[Tr * HS];
      dk = new float[Tr * HS];
      dv = new float[Tr * HS];
    }
  }

  /** out (B, T, C) and att (B, NH, T, T) for pair (b, h). */
  static void forwardPair(AttentionHeads a, float[] out, float[] att, int b, int h, Scratch x) {
    int T = x.T, Tp = x.Tp, HS = x.HS, w = a.attAt(b, h);
    AttentionVector.gather(x.q, a.q, a.qAt(b, 0, h), a.qStride, T, HS);
    gatherChunked(x.vc, a.v, a.vAt(b, 0, h), a.vStride, T, HS, x.Tr);
    transpose(x.yT, a.k, a.kAt(b, 0, h), a.kStride, T, HS);
    scores(x.s, x.q, x.yT, x.Tr, HS, Tp); // (Tr, Tp) q kᵀ on and below the diagonal
    for (int i = 0; i < T; i++) {
      softmaxRow(x.s, i * Tp, i + 1, Tp, a.scale);
      System.arraycopy(x.s, i * Tp, att, w + i * T, T);
    }
    weighted(x.dq, x.s, x.vc, x.Tr, HS, Tp); // (Tr, HS) att v
    for (int i = 0; i < T; i++) {
      System.arraycopy(x.dq, i * HS, out, (b * T + i) * a.C + h * HS, HS);
    }
  }

  /**
   * Accumulates into dq, dk, dv (each may be null) for pair (b, h), whose att must be causal
   * ({@link #isCausal}): the keys above the diagonal have weight 0 and contribute nothing.
   */
  static void backwardPair(
      AttentionHeads a,
      float[] dq,
      float[] dk,
      float[] dv,
      float[] dout,
      float[] att,
      int b,
      int h,
      Scratch x) {
    int T = x.T, Tp = x.Tp, HS = x.HS, w = a.attAt(b, h);
    gatherChunked(x.qc, a.q, a.qAt(b, 0, h), a.qStride, T, HS, x.Tr);
    gatherChunked(x.kc, a.k, a.kAt(b, 0, h), a.kStride, T, HS, x.Tr);
    AttentionVector.gather(x.g, dout, (b * T) * a.C + h * HS, a.C, T, HS);
    gatherChunked(x.gc, dout, (b * T) * a.C + h * HS, a.C, T, HS, x.Tr);
    transpose(x.yT, a.v, a.vAt(b, 0, h), a.vStride, T, HS);
    // att (T, T) is read in place when its rows are already Tp wide and RB divides T (no rows past
    // T are read); else it is copied into the padded p
    float[] p = att;
    int p0 = w;
    if (T != Tp || T != x.Tr) {
      for (int i = 0; i < T; i++) {
        System.arraycopy(att, w + i * T, x.p, i * Tp, T);
      }
      p = x.p;
      p0 = 0;
    }
    scores(x.s, x.g, x.yT, x.Tr, HS, Tp); // d att = dout vᵀ, on and below the diagonal
    for (int i = 0; i < T; i++) {
      softmaxBackwardRow(x.s, i * Tp, p, p0 + i * Tp, i + 1, Tp, a.scale); // d s
    }
    weighted(x.dq, x.s, x.kc, x.Tr, HS, Tp); // d q = d s k
    transposedWeighted(x.dk, x.s, 0, x.qc, x.Tr, HS, Tp); // d k = d sᵀ q
    if (dv != null) {
      transposedWeighted(x.dv, p, p0, x.gc, x.Tr, HS, Tp); // d v = attᵀ dout
      AttentionVector.scatterAdd(dv, a.vAt(b, 0, h), a.vStride, x.dv, T, HS);
    }
    if (dq != null) {
      AttentionVector.scatterAdd(dq, a.qAt(b, 0, h), a.qStride, x.dq, T, HS);
    }
    if (dk != null) {
      AttentionVector.scatterAdd(dk, a.kAt(b, 0, h), a.kStride, x.dk, T, HS);
    }
  }

  /** Whether att's (T, T) block from w is 0 above the diagonal (as a causal forward leaves it). */
  static boolean isCausal(float[] att, int w, int T) {
    for (int i = 0; i + 1 < T; i++) {
      int j = i + 1, row = w + i * T;
      for (int ub = j + S.loopBound(T - j); j < ub; j += VL) {
        if (FloatVector.fromArray(S, att, row + j).compare(VectorOperators.NE, 0f).anyTrue()) {
          return false;
        }
      }
      for (; j < T; j++) {
        if (att[row + j] != 0f) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * out (Tr, Tp) = x (Tr, HS) · yT for the key columns each block of RB rows can see (up to its
   * last row, in steps of CHUNK); columns further right are left as they were. yT holds the keys
   * transposed by chunks, (Tp / CHUNK, HS, CHUNK).
   */
  private static void scores(float[] out, float[] x, float[] yT, int Tr, int HS, int Tp) {
    for (int i0 = 0; i0 < Tr; i0 += RB) {
      int x0 = i0 * HS, x1 = x0 + HS, x2 = x1 + HS, x3 = x2 + HS;
      for (int c0 = 0; c0 < i0 + RB; c0 += CHUNK) {
        int y = c0 * HS; // chunk c0 / CHUNK of yT: (HS, CHUNK)
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int d = 0; d < HS; d++) {
          FloatVector y0 = FloatVector.fromArray(S, yT, y + d * CHUNK);
          FloatVector y1 = FloatVector.fromArray(S, yT, y + d * CHUNK + VL);
          FloatVector b = FloatVector.broadcast(S, x[x0 + d]);
          a00 = b.fma(y0, a00);
          a01 = b.fma(y1, a01);
          b = FloatVector.broadcast(S, x[x1 + d]);
          a10 = b.fma(y0, a10);
          a11 = b.fma(y1, a11);
          b = FloatVector.broadcast(S, x[x2 + d]);
          a20 = b.fma(y0, a20);
          a21 = b.fma(y1, a21);
          b = FloatVector.broadcast(S, x[x3 + d]);
          a30 = b.fma(y0, a30);
          a31 = b.fma(y1, a31);
        }
        int o = i0 * Tp + c0;
        a00.intoArray(out, o);
        a01.intoArray(out, o + VL);
        a10.intoArray(out, o + Tp);
        a11.intoArray(out, o + Tp + VL);
        a20.intoArray(out, o + 2 * Tp);
        a21.intoArray(out, o + 2 * Tp + VL);
        a30.intoArray(out, o + 3 * Tp);
        a31.intoArray(out, o + 3 * Tp + VL);
      }
    }
  }

  /**
   * out (Tr, HS) = p (Tr, Tp) · y over keys j < the block's end, p being 0 right of the diagonal:
   * row i gets the sum over j <= i of p[i, j] y[j]; y is (Tr, HS) chunked, (HS / CHUNK, Tr, CHUNK).
   */
  private static void weighted(float[] out, float[] p, float[] y, int Tr, int HS, int Tp) {
    for (int hc = 0; hc < HS; hc += CHUNK) { // one chunk of the head's columns at a time
      weightedChunk(out, p, y, Tr, HS, Tp, hc);
    }
  }

  /** Columns [hc, hc + CHUNK) of {@link #weighted}. */
  private static void weightedChunk(
      float[] out, float[] p, float[] y, int Tr, int HS, int Tp, int hc) {
    for (int i0 = 0; i0 < Tr; i0 += RB) {
      int p0 = i0 * Tp, p1 = p0 + Tp, p2 = p1 + Tp, p3 = p2 + Tp;
      FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
      int yc = hc * Tr; // chunk hc / CHUNK of y: (Tr, CHUNK)
      for (int j = 0; j < i0 + RB; j++) {
        FloatVector y0 = FloatVector.fromArray(S, y, yc + j * CHUNK);
        FloatVector y1 = FloatVector.fromArray(S, y, yc + j * CHUNK + VL);
        FloatVector b = FloatVector.broadcast(S, p[p0 + j]);
        a00 = b.fma(y0, a00);
        a01 = b.fma(y1, a01);
        b = FloatVector.broadcast(S, p[p1 + j]);
        a10 = b.fma(y0, a10);
        a11 = b.fma(y1, a11);
        b = FloatVector.broadcast(S, p[p2 + j]);
        a20 = b.fma(y0, a20);
        a21 = b.fma(y1, a21);
        b = FloatVector.broadcast(S, p[p3 + j]);
        a30 = b.fma(y0, a30);
        a31 = b.fma(y1, a31);
      }
      int o = i0 * HS + hc;
      a00.intoArray(out, o);
      a01.intoArray(out, o + VL);
      a10.intoArray(out, o + HS);
      a11.intoArray(out, o + HS + VL);
      a20.intoArray(out, o + 2 * HS);
      a21.intoArray(out, o + 2 * HS + VL);
      a30.intoArray(out, o + 3 * HS);
      a31.intoArray(out, o + 3 * HS + VL);
    }
  }

  /**
   * out (Tr, HS) = pᵀ · y: row j gets the sum over i >= j of p[i, j] y[i] (p is 0 right of the
   * diagonal, so starting each block of RB rows at its first row loses nothing); y is chunked.
   */
  private static void transposedWeighted(
      float[] out, float[] p, int pOff, float[] y, int Tr, int HS, int Tp) {
    for (int hc = 0; hc < HS; hc += CHUNK) { // one chunk of the head's columns at a time
      transposedWeightedChunk(out, p, pOff, y, Tr, HS, Tp, hc);
    }
  }

  /** Columns [hc, hc + CHUNK) of {@link #transposedWeighted}. */
  private static void transposedWeightedChunk(
      float[] out, float[] p, int pOff, float[] y, int Tr, int HS, int Tp, int hc) {
    for (int j0 = 0; j0 < Tr; j0 += RB) {
      FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
      int yc = hc * Tr; // chunk hc / CHUNK of y: (Tr, CHUNK)
      for (int i = j0; i < Tr; i++) {
        FloatVector y0 = FloatVector.fromArray(S, y, yc + i * CHUNK);
        FloatVector y1 = FloatVector.fromArray(S, y, yc + i * CHUNK + VL);
        int pi = pOff + i * Tp + j0;
        FloatVector b = FloatVector.broadcast(S, p[pi]);
        a00 = b.fma(y0, a00);
        a01 = b.fma(y1, a01);
        b = FloatVector.broadcast(S, p[pi + 1]);
        a10 = b.fma(y0, a10);
        a11 = b.fma(y1, a11);
        b = FloatVector.broadcast(S, p[pi + 2]);
        a20 = b.fma(y0, a20);
        a21 = b.fma(y1, a21);
        b = FloatVector.broadcast(S, p[pi + 3]);
        a30 = b.fma(y0, a30);
        a31 = b.fma(y1, a31);
      }
      int o = j0 * HS + hc;
      a00.intoArray(out, o);
      a01.intoArray(out, o + VL);
      a10.intoArray(out, o + HS);
      a11.intoArray(out, o + HS + VL);
      a20.intoArray(out, o + 2 * HS);
      a21.intoArray(out, o + 2 * HS + VL);
      a30.intoArray(out, o + 3 * HS);
      a31.intoArray(out, o + 3 * HS + VL);
    }
  }

  /**
   * Softmax of {@code scale * s} over [row, row + visible), then zeros up to row + Tp. The keys
   * past visible up to a whole vector are set to -inf first, so every pass runs on whole vectors
   * (their exp is 0): the scalar tails, with a Math.exp per key, cost more than the rest.
   */
  private static void softmaxRow(float[] s, int row, int visible, int Tp, float scale) {
    int n = Math.min(Tp, (visible + VL - 1) / VL * VL);
    java.util.Arrays.fill(s, row + visible, row + n, Float.NEGATIVE_INFINITY);
    float max = VectorMath.max(s, row, n);
    VectorMath.scale(s, row, scale, n);
    float sum = SoftmaxVector.expShifted(s, row, s, row, n, max * scale);
    VectorMath.scale(s, row, 1f / sum, n);
    java.util.Arrays.fill(s, row + visible, row + Tp, 0f);
  }

  /**
   * ds = att * (datt - sum(datt * att)) * scale over ds[row, row + visible) and att[attRow, attRow
   * + visible), then ds zeros up to Tp. Runs on whole vectors: att is 0 right of the diagonal (and
   * datt finite), so the keys past visible up to a vector come out 0 as they should.
   */
  private static void softmaxBackwardRow(
      float[] ds, int row, float[] att, int attRow, int visible, int Tp, float scale) {
    float dot = VectorMath.dot(ds, row, att, attRow, visible);
    int n = Math.min(Tp, (visible + VL - 1) / VL * VL);
    for (int j = 0; j < n; j += VL) {
      FloatVector p = FloatVector.fromArray(S, att, attRow + j);
      p.mul(FloatVector.fromArray(S, ds, row + j).sub(dot)).mul(scale).intoArray(ds, row + j);
    }
    java.util.Arrays.fill(ds, row + n, row + Tp, 0f);
  }

  /**
   * yT (Tp / CHUNK, HS, CHUNK): the keys transposed by chunks of CHUNK keys, yT[t / CHUNK, d, t %
   * CHUNK] = src[off + t stride + d] for t < T.
   */
  private static void transpose(float[] yT, float[] src, int off, int stride, int T, int HS) {
    for (int t = 0; t < T; t++) {
      int s = off + t * stride;
      int y = (t / CHUNK) * HS * CHUNK + t % CHUNK;
      for (int d = 0; d < HS; d++) {
        yT[y + d * CHUNK] = src[s + d];
      }
    }
  }

  /**
   * dst (HS / CHUNK, Tr, CHUNK) = rows t < T of src (from off, stride apart, HS wide) by column
   * chunks: dst[d / CHUNK, t, d % CHUNK] = src[off + t stride + d].
   */
  private static void gatherChunked(
      float[] dst, float[] src, int off, int stride, int T, int HS, int Tr) {
    for (int hc = 0; hc < HS; hc += CHUNK) {
      for (int t = 0; t < T; t++) {
        System.arraycopy(src, off + t * stride + hc, dst, hc * Tr + t * CHUNK, CHUNK);
      }
    }
  }
}
