package org.tinyformer.kernels;

import java.util.Arrays;

/**
 * The Vector API path of {@link Gemm}: the GotoBLAS/BLIS loop nest (NC columns, KC depth, MC rows)
 * over {@link GemmMicroKernel} tiles, with b packed per (KC, NC) block and a read in place, except
 * aᵀ which is packed per (MC, KC) block. Loaded only when the Vector API is on.
 */
final class GemmVector {
  private GemmVector() {}

  static final int NC = 4096;
  static final int KC = 512;
  static final int MC = 96;

  /**
   * Row stride of packed aᵀ: KC plus a vector, so that rows 2 KB apart do not all fall into the
   * same few L1 cache sets (which made the transposing pack thrash).
   */
  static final int PACKED_A_STRIDE = KC + 16;

  /** Widest last panel computed as dot products along k instead of a padded broadcast panel. */
  static final int DOT_MAX = 8;

  /** Widest aᵀ·b that goes through the column kernel (reading a in place beats packing aᵀ). */
  static final int COLUMN_KERNEL_MAX_N = 128;

  private static final int W = GemmMicroKernel.W;
  private static final int VL = GemmMicroKernel.VL;
  private static final int MR = GemmMicroKernel.MR;

  /** Per-thread packing buffers, sized for the largest block. */
  private static final class Workspace {
    final float[] ap = new float[MC * PACKED_A_STRIDE];
    final float[] bp = new float[(NC + W) * KC];
    final float[] tile = new float[MR * W];
    float[] columnB = new float[0];
    float[] columnTile = new float[0];

    float[] columnB(int size) {
      if (columnB.length < size) {
        columnB = new float[size];
      }
      return columnB;
    }

    float[] columnTile(int size) {
      if (columnTile.length < size) {
        columnTile = new float[size];
      }
      return columnTile;
    }
  }

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** Computes rows [m0, m1) of c (M, N) for the given layout. */
  static void rows(
      Gemm.Layout layout,
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N,
      boolean accumulate,
      int m0,
      int m1) {
    if (K == 0) {
      if (!accumulate) {
        Arrays.fill(c, cOff + m0 * N, cOff + m1 * N, 0f);
      }
      return;
    }
    Workspace ws = WORKSPACE.get();
    int rest = m0;
    if (layout == Gemm.Layout.TN && N <= COLUMN_KERNEL_MAX_N) {
      rest = columnPanels(ws, c, cOff, a, aOff, b, bOff, M, K, N, accumulate, m0, m1);
    }
    if (rest < m1) {
      blocked(ws, layout, c, cOff, a, aOff, b, bOff, M, K, N, accumulate, rest, m1);
    }
  }

  /** The loop nest: b packed per (KC, NC) block, aᵀ packed per (MC, KC) block, a read in place. */
  private static void blocked(
      Workspace ws,
      Gemm.Layout layout,
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N,
      boolean accumulate,
      int m0,
      int m1) {
    for (int jc = 0; jc < N; jc += NC) {
      int nc = Math.min(NC, N - jc);
      for (int pc = 0; pc < K; pc += KC) {
        int kc = Math.min(KC, K - pc);
        GemmPacking.packB(
            layout == Gemm.Layout.NT, b, bOff, K, N, jc, nc, pc, kc, W, VL, DOT_MAX, ws.bp);
        boolean add = accumulate || pc > 0;
        for (int ic = m0; ic < m1; ic += MC) {
          int mc = Math.min(MC, m1 - ic);
          int cBlock = cOff + ic * N + jc;
          if (layout == Gemm.Layout.TN) {
            GemmPacking.packTransposedA(a, aOff, M, ic, mc, pc, kc, ws.ap, PACKED_A_STRIDE);
            block(ws, ws.ap, 0, PACKED_A_STRIDE, mc, kc, nc, c, cBlock, N, add);
          } else {
            block(ws, a, aOff + ic * K + pc, K, mc, kc, nc, c, cBlock, N, add);
          }
        }
      }
    }
  }

  /**
   * Rows [m0, m0 + whole panels) of aᵀ·b through {@link GemmColumnKernel}; returns the first row
   * left for the general path (fewer than a panel's rows).
   */
  private static int columnPanels(
      Workspace ws,
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N,
      boolean accumulate,
      int m0,
      int m1) {
    int panel = GemmColumnKernel.TILE_M;
    if (m1 - m0 < panel) {
      return m0;
    }
    int tiles = (N + GemmColumnKernel.TILE_N - 1) / GemmColumnKernel.TILE_N;
    float[] bp = ws.columnB(K * tiles * GemmColumnKernel.TILE_N);
    float[] ct = ws.columnTile(tiles * GemmColumnKernel.TILE_N * panel);
    GemmColumnKernel.packB(b, bOff, K, N, bp);
    int i0 = m0;
    for (; i0 + panel <= m1; i0 += panel) {
      GemmColumnKernel.rowPanel(c, cOff, a, aOff, M, K, N, bp, i0, accumulate, ct);
    }
    return i0;
  }

  /** c[mc, nc] [+]= a[mc, kc] (rows at a0 + r * lda) · packed b block (kc, nc). */
  private static void block(
      Workspace ws,
      float[] a,
      int a0,
      int lda,
      int mc,
      int kc,
      int nc,
      float[] c,
      int c0,
      int ldc,
      boolean add) {
    for (int jr = 0; jr < nc; jr += W) {
      int nw = Math.min(W, nc - jr);
      int bo = jr * kc;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        int ao = a0 + ir * lda;
        int co = c0 + ir * ldc + jr;
        if (nw <= DOT_MAX) {
          GemmMicroKernel.dots(kc, a, ao, lda, mr, ws.bp, bo, c, co, ldc, nw, add);
        } else if (nw <= VL) {
          GemmMicroKernel.narrow(kc, a, ao, lda, mr, ws.bp, bo, c, co, ldc, nw, add, ws.tile);
        } else {
          GemmMicroKernel.wide(kc, a, ao, lda, mr, ws.bp, bo, c, co, ldc, nw, add, ws.tile);
        }
      }
    }
  }
}
