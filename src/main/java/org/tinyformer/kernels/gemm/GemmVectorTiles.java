package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * The register-blocked inner kernels of {@link GemmKernel}: c[6 rows, 2 vectors] (or 1 vector) [+]=
 * a[6 rows, kc] · bp[kc, width], with 12 (or 6) FloatVector accumulators, one broadcast of a and
 * one fma per accumulator and k. a[r, k] is read at a0 + r * rowStride + k * kStride: rows in place
 * (lda, 1) or a packed k-major micro-panel of aᵀ (1, MR); A·B measured no slower with the stride
 * than with a unit step along k. bp is a k-major panel (kc, width) zero-padded to full vectors.
 * Loaded only when the Vector API is on.
 */
final class GemmVectorTiles {
  private GemmVectorTiles() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int VL = S.length();

  /** Rows of a micro tile. */
  static final int MR = 6;

  /** Columns of a wide micro tile (and of a packed panel of b): two vectors. */
  static final int W = 2 * VL;

  /**
   * c[mr, nw] [+]= a[mr, kc] · bp[kc, W] (a strided as in the class comment); rows at or past mr
   * are computed from row 0, not stored.
   */
  static void wide(
      int kc,
      float[] a,
      int a0,
      int rowStride,
      int kStride,
      int mr,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add,
      float[] tile) {
    int a1 = mr > 1 ? a0 + rowStride : a0;
    int a2 = mr > 2 ? a0 + 2 * rowStride : a0;
    int a3 = mr > 3 ? a0 + 3 * rowStride : a0;
    int a4 = mr > 4 ? a0 + 4 * rowStride : a0;
    int a5 = mr > 5 ? a0 + 5 * rowStride : a0;
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int ak = k * kStride;
      FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * W);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + k * W + VL);
      FloatVector x = FloatVector.broadcast(S, a[a0 + ak]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + ak]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + ak]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + ak]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[a4 + ak]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[a5 + ak]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    if (mr == MR && nw == W) { // a full tile: straight into c, no detour through the tile buffer
      if (add) {
        c00 = c00.add(FloatVector.fromArray(S, c, co));
        c01 = c01.add(FloatVector.fromArray(S, c, co + VL));
        c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
        c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + VL));
        c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
        c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + VL));
        c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
        c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + VL));
        c40 = c40.add(FloatVector.fromArray(S, c, co + 4 * ldc));
        c41 = c41.add(FloatVector.fromArray(S, c, co + 4 * ldc + VL));
        c50 = c50.add(FloatVector.fromArray(S, c, co + 5 * ldc));
        c51 = c51.add(FloatVector.fromArray(S, c, co + 5 * ldc + VL));
      }
      c00.intoArray(c, co);
      c01.intoArray(c, co + VL);
      c10.intoArray(c, co + ldc);
      c11.intoArray(c, co + ldc + VL);
      c20.intoArray(c, co + 2 * ldc);
      c21.intoArray(c, co + 2 * ldc + VL);
      c30.intoArray(c, co + 3 * ldc);
      c31.intoArray(c, co + 3 * ldc + VL);
      c40.intoArray(c, co + 4 * ldc);
      c41.intoArray(c, co + 4 * ldc + VL);
      c50.intoArray(c, co + 5 * ldc);
      c51.intoArray(c, co + 5 * ldc + VL);
      return;
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, VL);
    c10.intoArray(tile, W);
    c11.intoArray(tile, W + VL);
    c20.intoArray(tile, 2 * W);
    c21.intoArray(tile, 2 * W + VL);
    c30.intoArray(tile, 3 * W);
    c31.intoArray(tile, 3 * W + VL);
    c40.intoArray(tile, 4 * W);
    c41.intoArray(tile, 4 * W + VL);
    c50.intoArray(tile, 5 * W);
    c51.intoArray(tile, 5 * W + VL);
    storeTile(tile, W, c, co, ldc, mr, nw, add);
  }

  /** c[mr, nw] [+]= a[mr, kc] · bp[kc, VL] for the last, narrow panel (nw <= VL). */
  static void narrow(
      int kc,
      float[] a,
      int a0,
      int rowStride,
      int kStride,
      int mr,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add,
      float[] tile) {
    int a1 = mr > 1 ? a0 + rowStride : a0;
    int a2 = mr > 2 ? a0 + 2 * rowStride : a0;
    int a3 = mr > 3 ? a0 + 3 * rowStride : a0;
    int a4 = mr > 4 ? a0 + 4 * rowStride : a0;
    int a5 = mr > 5 ? a0 + 5 * rowStride : a0;
    FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S);
    FloatVector c3 = FloatVector.zero(S), c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int ak = k * kStride;
      FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * VL);
      c0 = FloatVector.broadcast(S, a[a0 + ak]).fma(b0, c0);
      c1 = FloatVector.broadcast(S, a[a1 + ak]).fma(b0, c1);
      c2 = FloatVector.broadcast(S, a[a2 + ak]).fma(b0, c2);
      c3 = FloatVector.broadcast(S, a[a3 + ak]).fma(b0, c3);
      c4 = FloatVector.broadcast(S, a[a4 + ak]).fma(b0, c4);
      c5 = FloatVector.broadcast(S, a[a5 + ak]).fma(b0, c5);
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, VL);
    c2.intoArray(tile, 2 * VL);
    c3.intoArray(tile, 3 * VL);
    c4.intoArray(tile, 4 * VL);
    c5.intoArray(tile, 5 * VL);
    storeTile(tile, VL, c, co, ldc, mr, nw, add);
  }

  /**
   * c[mr, nw] [+]= a[mr, kc] (rows lda apart, unit stride along k) · bt[nw, kc]ᵀ as dot products
   * along k, for the last few columns (nw well below a vector), where the broadcast kernels would
   * compute mostly padding.
   */
  static void dots(
      int kc,
      float[] a,
      int a0,
      int lda,
      int mr,
      float[] bt,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add) {
    int a1 = mr > 1 ? a0 + lda : a0;
    int a2 = mr > 2 ? a0 + 2 * lda : a0;
    int a3 = mr > 3 ? a0 + 3 * lda : a0;
    int a4 = mr > 4 ? a0 + 4 * lda : a0;
    int a5 = mr > 5 ? a0 + 5 * lda : a0;
    int[] rows = {a0, a1, a2, a3, a4, a5};
    int kv = kc - kc % VL;
    for (int j = 0; j < nw; j++) {
      int b0 = bo + j * kc;
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S);
      FloatVector s3 = FloatVector.zero(S), s4 = FloatVector.zero(S), s5 = FloatVector.zero(S);
      for (int k = 0; k < kv; k += VL) {
        FloatVector y = FloatVector.fromArray(S, bt, b0 + k);
        s0 = FloatVector.fromArray(S, a, a0 + k).fma(y, s0);
        s1 = FloatVector.fromArray(S, a, a1 + k).fma(y, s1);
        s2 = FloatVector.fromArray(S, a, a2 + k).fma(y, s2);
        s3 = FloatVector.fromArray(S, a, a3 + k).fma(y, s3);
        s4 = FloatVector.fromArray(S, a, a4 + k).fma(y, s4);
        s5 = FloatVector.fromArray(S, a, a5 + k).fma(y, s5);
      }
      float[] sums = {
        VectorMath.sumLanes(s0), VectorMath.sumLanes(s1),
        VectorMath.sumLanes(s2), VectorMath.sumLanes(s3),
        VectorMath.sumLanes(s4), VectorMath.sumLanes(s5)
      };
      for (int r = 0; r < mr; r++) {
        float sum = sums[r];
        for (int k = kv; k < kc; k++) {
          sum += a[rows[r] + k] * bt[b0 + k];
        }
        int o = co + r * ldc + j;
        c[o] = add ? c[o] + sum : sum;
      }
    }
  }

  /**
   * c[r, 0:nw) [+]= tile[r, 0:nw) for r < mr, where tile rows are {@code width} apart: whole
   * vectors when the row is full, one float at a time at the right edge of c.
   */
  private static void storeTile(
      float[] tile, int width, float[] c, int co, int ldc, int mr, int nw, boolean add) {
    for (int r = 0; r < mr; r++) {
      int t = r * width;
      int o = co + r * ldc;
      int j = 0;
      for (; j + VL <= nw; j += VL) {
        FloatVector v = FloatVector.fromArray(S, tile, t + j);
        if (add) {
          v = v.add(FloatVector.fromArray(S, c, o + j));
        }
        v.intoArray(c, o + j);
      }
      for (; j < nw; j++) {
        c[o + j] = add ? c[o + j] + tile[t + j] : tile[t + j];
      }
    }
  }
}
