package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * The register-blocked inner kernels of {@link GemmKernel}: c[MR rows, 2 vectors] (or 1 vector)
 * [+]= a[MR rows, kc] · bp[kc, width], one broadcast of a and one fma per accumulator and k. bp is
 * a k-major panel (kc, width) zero-padded to full vectors. a is read either as rows in place, lda
 * apart ({@code wideRows*}: a[r, k] at a0 + r * lda + k), or as a packed k-major micro-panel of aᵀ
 * ({@code widePanel*}: a[r, k] at a0 + k * MR + r); each kernel's k-stride is a constant, so that
 * C2 proves the a indices in range once before the loop (with a variable stride it checked all six
 * per k: about 15% of the kernel on AVX2). The tile height MR is chosen per species at start-up.
 * Loaded only when the Vector API is on.
 */
final class GemmVectorTiles {
  private GemmVectorTiles() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int VL = S.length();

  /**
   * Rows of a micro tile: 6 on 512-bit vectors (12 accumulators of 32 registers), 4 below (8
   * accumulators + 2 of b + 4 broadcasts = 14 of AVX2's 16 registers, the shape of OpenBLAS's
   * Haswell/Zen sgemm kernel). 6 rows there need 12 + 2 + 6 registers whenever C2 loads all six
   * broadcasts ahead of their fmas, which it did (without loop strip mining, as under the
   * launcher's ParallelGC): the spilled accumulators halved the kernel's speed.
   */
  static final int MR = VL >= 16 ? 6 : 4;

  /** Rows the narrow and dot-product kernels compute at most (they serve both tile heights). */
  static final int MAX_MR = 6;

  /** Columns of a wide micro tile (and of a packed panel of b): two vectors. */
  static final int W = 2 * VL;

  /**
   * c[mr, nw] [+]= a[mr, kc] · bp[kc, W], a's rows in place lda apart; rows at or past mr are
   * computed from row 0, not stored. For MR = 6.
   */
  static void wideRows6(
      int kc,
      float[] a,
      int a0,
      int lda,
      int mr,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add,
      float[] tile) {
    int a1 = mr > 1 ? a0 + lda : a0;
    int a2 = mr > 2 ? a0 + 2 * lda : a0;
    int a3 = mr > 3 ? a0 + 3 * lda : a0;
    int a4 = mr > 4 ? a0 + 4 * lda : a0;
    int a5 = mr > 5 ? a0 + 5 * lda : a0;
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * W);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + k * W + VL);
      FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + k]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + k]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + k]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[a4 + k]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[a5 + k]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    if (mr == 6 && nw == W) { // a full tile: straight into c, no detour through the tile buffer
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

  /** As {@link #wideRows6} for a packed k-major micro-panel of aᵀ (a[r, k] at a0 + k * MR + r). */
  static void widePanel6(
      int kc,
      float[] a,
      int a0,
      int mr,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add,
      float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int ak = a0 + k * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * W);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + k * W + VL);
      FloatVector x = FloatVector.broadcast(S, a[ak]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ak + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ak + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ak + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[ak + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ak + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    if (mr == 6 && nw == W) { // a full tile: straight into c, no detour through the tile buffer
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

  /** As {@link #wideRows6} with 4 rows, for MR = 4. */
  static void wideRows4(
      int kc,
      float[] a,
      int a0,
      int lda,
      int mr,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add,
      float[] tile) {
    int a1 = mr > 1 ? a0 + lda : a0;
    int a2 = mr > 2 ? a0 + 2 * lda : a0;
    int a3 = mr > 3 ? a0 + 3 * lda : a0;
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * W);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + k * W + VL);
      FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + k]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + k]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + k]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    if (mr == 4 && nw == W) { // a full tile: straight into c, no detour through the tile buffer
      if (add) {
        c00 = c00.add(FloatVector.fromArray(S, c, co));
        c01 = c01.add(FloatVector.fromArray(S, c, co + VL));
        c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
        c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + VL));
        c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
        c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + VL));
        c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
        c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + VL));
      }
      c00.intoArray(c, co);
      c01.intoArray(c, co + VL);
      c10.intoArray(c, co + ldc);
      c11.intoArray(c, co + ldc + VL);
      c20.intoArray(c, co + 2 * ldc);
      c21.intoArray(c, co + 2 * ldc + VL);
      c30.intoArray(c, co + 3 * ldc);
      c31.intoArray(c, co + 3 * ldc + VL);
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
    storeTile(tile, W, c, co, ldc, mr, nw, add);
  }

  /** As {@link #widePanel6} with 4 rows, for MR = 4. */
  static void widePanel4(
      int kc,
      float[] a,
      int a0,
      int mr,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int nw,
      boolean add,
      float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int ak = a0 + k * 4;
      FloatVector b0 = FloatVector.fromArray(S, bp, bo + k * W);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + k * W + VL);
      FloatVector x = FloatVector.broadcast(S, a[ak]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ak + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ak + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ak + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    if (mr == 4 && nw == W) { // a full tile: straight into c, no detour through the tile buffer
      if (add) {
        c00 = c00.add(FloatVector.fromArray(S, c, co));
        c01 = c01.add(FloatVector.fromArray(S, c, co + VL));
        c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
        c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + VL));
        c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
        c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + VL));
        c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
        c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + VL));
      }
      c00.intoArray(c, co);
      c01.intoArray(c, co + VL);
      c10.intoArray(c, co + ldc);
      c11.intoArray(c, co + ldc + VL);
      c20.intoArray(c, co + 2 * ldc);
      c21.intoArray(c, co + 2 * ldc + VL);
      c30.intoArray(c, co + 3 * ldc);
      c31.intoArray(c, co + 3 * ldc + VL);
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
    storeTile(tile, W, c, co, ldc, mr, nw, add);
  }

  /**
   * c[mr, nw] [+]= a[mr, kc] · bp[kc, VL] for the last, narrow panel (nw <= VL), a[r, k] at a0 + r
   * * rowStride + k * kStride (either layout); up to MAX_MR rows.
   */
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
