package org.tinyformer.kernels.gemm;

import java.util.Arrays;
import org.tinyformer.kernels.runtime.Parallel;

/**
 * The Vector API path of {@link GemmKernel}: the GotoBLAS/BLIS loop nest (NC columns, KC depth, MC
 * rows) over {@link GemmVectorTiles} tiles. op(b) is packed once per call (per NC column block), by
 * all threads together, into a buffer every thread then reads. Each thread packs op(a) per (MC, KC)
 * block of its own rows into k-major micro-panels of MR rows (BLIS's layout), read by the panel
 * micro-kernels with a k-stride of MR; only a·b and a·bᵀ with few columns read a's rows in place.
 * Loaded only when the Vector API is on.
 */
final class GemmVector {
  private GemmVector() {}

  static final int NC = 4096;
  static final int KC = 512;
  static final int MC = 96;

  /** Most floats of packed b held at once (16 MB): a deep b is packed in narrower column blocks. */
  static final int MAX_PACKED_B = 1 << 22;

  /**
   * Floats between packed aᵀ micro-panels: KC * MR (8 or 12 KB, a multiple of 4 KB) plus a cache
   * line, so that the panels the pack writes side by side do not all fall into the same L1 cache
   * sets.
   */
  static final int A_PANEL_STRIDE = KC * GemmVectorTiles.MR + 16;

  /** Floats of packing work below which a chunk is not worth handing to another thread. */
  private static final int MIN_PACK_WORK = 1 << 15;

  /**
   * Widest last panel computed as dot products along k instead of a padded broadcast panel (NN and
   * NT: the dot products need rows of a in place, which packed aᵀ does not have).
   */
  static final int DOT_MAX = 8;

  /**
   * Fewest columns of c for which a·b and a·bᵀ pack a's rows into micro-panels too. The panel
   * kernels ran 8% faster than the rows-in-place ones on L1-resident data (one a address per k
   * instead of MR; 116.6 vs 107.6 GFLOP/s at 512 bits, 108 vs 101 at 256), which pays for the pack
   * once a micro-panel serves enough columns: +3-9% on 384 and 768 columns, -10 to -21% on the LM
   * head's 65 (one thread, thread CPU time, alternated, load 8-9).
   */
  static final int PACK_A_MIN_N = 256;

  /**
   * Most multiply-adds (M K N) for which the threads split the columns of c instead of its rows,
   * see {@link #splitColumns}. A small product then has no pack of b on one thread while the others
   * wait and no thread reads b packed by another; the row split's finer chunks balance a larger
   * product better. Two threads, 768x128x384 (37.7 M), the best 1% of calls over 9 alternated
   * rounds at load 10-12 (the only calls the other helpers' load left alone): aᵀ·b 193-209 GFLOP/s
   * split by columns against 134-167 by rows, a·bᵀ 182-196 against 141-150, a·b 197-201 against
   * 106-136.
   */
  static final long COLUMN_SPLIT_MAX_WORK = 1L << 26;

  /** Fewest W-column panels per thread for the column split (N = 384 has 12 at 512 bits). */
  static final int COLUMN_SPLIT_MIN_PANELS = 4;

  /** Widest aᵀ·b that goes through the column kernel (reading a in place beats packing aᵀ). */
  static final int COLUMN_KERNEL_MAX_N = 128;

  private static final int W = GemmVectorTiles.W;
  private static final int VL = GemmVectorTiles.VL;
  private static final int MR = GemmVectorTiles.MR;

  /**
   * Per-thread buffers: packed aᵀ and a tile (own rows), packed b (shared while it packs a call).
   */
  private static final class Workspace {
    final float[] ap = new float[MC / MR * A_PANEL_STRIDE];
    final float[] tile = new float[GemmVectorTiles.MAX_MR * W];
    float[] packedB = new float[0];
    float[] columnTile = new float[0];

    float[] packedB(int size) {
      if (packedB.length < size) {
        packedB = new float[size];
      }
      return packedB;
    }

    float[] columnTile(int size) {
      if (columnTile.length < size) {
        columnTile = new float[size];
      }
      return columnTile;
    }
  }

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /**
   * c (M, N) [+]= op(a) · op(b): packs b on the pool, then splits the rows of c into chunks of
   * whole micro-tile rows, at least {@code minBlocks} of them per chunk ({@code M + 1} keeps the
   * call on this thread).
   */
  static void multiply(
      GemmKernel.Layout layout,
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
      int minBlocks) {
    if (K == 0) {
      if (!accumulate) {
        Arrays.fill(c, cOff, cOff + M * N, 0f);
      }
      return;
    }
    Workspace ws = WORKSPACE.get();
    int m0 = 0;
    if (layout == GemmKernel.Layout.TN
        && N <= COLUMN_KERNEL_MAX_N
        && M >= GemmVectorColumns.TILE_M) {
      m0 = columnPanels(ws, c, cOff, a, aOff, b, bOff, M, K, N, accumulate, minBlocks);
    }
    if (m0 == M) {
      return;
    }
    int nc = Math.min(NC, Math.max(W, MAX_PACKED_B / K / W * W));
    int first = m0;
    int blocks = (M - first + GemmKernel.ROW_BLOCK - 1) / GemmKernel.ROW_BLOCK;
    int panels = (N + W - 1) / W;
    if (first == 0
        && minBlocks <= blocks
        && N <= nc
        && panels >= COLUMN_SPLIT_MIN_PANELS * Parallel.threads()
        && (long) M * K * N <= COLUMN_SPLIT_MAX_WORK) {
      splitColumns(layout, c, cOff, a, aOff, b, bOff, M, K, N, accumulate, panels);
      return;
    }
    float[] bp = ws.packedB(K * roundUp(nc, W));
    for (int jc = 0; jc < N; jc += nc) {
      int jb = jc;
      int ncb = Math.min(nc, N - jc);
      pack(layout, b, bOff, K, N, jc, ncb, bp, minBlocks <= blocks);
      Parallel.forRange(
          blocks,
          Math.max(1, Math.min(minBlocks, blocks + 1)),
          (start, end) ->
              blocked(
                  WORKSPACE.get(),
                  layout,
                  bp,
                  c,
                  cOff,
                  a,
                  aOff,
                  M,
                  K,
                  N,
                  jb,
                  ncb,
                  accumulate,
                  first + start * GemmKernel.ROW_BLOCK,
                  Math.min(M, first + end * GemmKernel.ROW_BLOCK)));
    }
  }

  /**
   * c (M, N) [+]= op(a) · op(b) with each thread taking whole W-column panels of c: it packs its
   * own columns of op(b) and computes every row of them. The panels stay on the grid from column 0,
   * so every column goes through the same kernel, and gets the same bits, as in the row split.
   */
  private static void splitColumns(
      GemmKernel.Layout layout,
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
      int panels) {
    Parallel.forRange(
        panels,
        panels / Parallel.threads(),
        (start, end) -> {
          Workspace ws = WORKSPACE.get();
          int jc = start * W;
          int nc = Math.min(N, end * W) - jc;
          float[] bp = ws.packedB(K * roundUp(nc, W));
          pack(layout, b, bOff, K, N, jc, nc, bp, false);
          blocked(ws, layout, bp, c, cOff, a, aOff, M, K, N, jc, nc, accumulate, 0, M);
        });
  }

  /**
   * Packs op(b)'s columns [jc, jc + nc) for all of K into bp: the KC block starting at depth pc
   * sits at pc * roundUp(nc, W), panels of W columns inside it as {@link GemmVectorPacking#packB}
   * lays them out (no dot-product panel for aᵀ·b). One panel per task, on the pool when {@code
   * parallel}.
   */
  private static void pack(
      GemmKernel.Layout layout,
      float[] b,
      int bOff,
      int K,
      int N,
      int jc,
      int nc,
      float[] bp,
      boolean parallel) {
    boolean transB = layout == GemmKernel.Layout.NT;
    int dotMax = layout == GemmKernel.Layout.TN ? 0 : DOT_MAX;
    int panels = (nc + W - 1) / W;
    int depthBlocks = (K + KC - 1) / KC;
    int stride = roundUp(nc, W);
    int minChunk =
        parallel ? Math.max(1, MIN_PACK_WORK / (Math.min(K, KC) * W)) : panels * depthBlocks + 1;
    Parallel.forRange(
        panels * depthBlocks,
        Math.min(minChunk, panels * depthBlocks + 1),
        (start, end) -> {
          for (int t = start; t < end; t++) {
            int pc = t / panels * KC;
            int jr = t % panels * W;
            int kc = Math.min(KC, K - pc);
            int nw = Math.min(W, nc - jr);
            GemmVectorPacking.packB(
                transB,
                b,
                bOff,
                K,
                N,
                jc + jr,
                nw,
                pc,
                kc,
                W,
                VL,
                dotMax,
                bp,
                pc * stride + jr * kc);
          }
        });
  }

  private static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }

  /** Rows [m0, m1) of c's columns [jc, jc + nc), from b packed by {@link #pack}. */
  private static void blocked(
      Workspace ws,
      GemmKernel.Layout layout,
      float[] bp,
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      int M,
      int K,
      int N,
      int jc,
      int nc,
      boolean accumulate,
      int m0,
      int m1) {
    int stride = roundUp(nc, W);
    // ic outside pc: the (MC, nc) block of c stays in L2 while every KC block adds to it
    for (int ic = m0; ic < m1; ic += MC) {
      int mc = Math.min(MC, m1 - ic);
      int cBlock = cOff + ic * N + jc;
      for (int pc = 0; pc < K; pc += KC) {
        int kc = Math.min(KC, K - pc);
        boolean add = accumulate || pc > 0;
        int b0 = pc * stride;
        int a0 = aOff + ic * K + pc;
        if (layout == GemmKernel.Layout.TN) {
          GemmVectorPacking.packTransposedA(a, aOff, M, ic, mc, pc, kc, MR, ws.ap, A_PANEL_STRIDE);
          block(
              ws,
              ws.ap,
              0,
              1,
              MR,
              A_PANEL_STRIDE,
              null,
              0,
              0,
              mc,
              kc,
              nc,
              bp,
              b0,
              c,
              cBlock,
              N,
              add);
        } else if (nc >= PACK_A_MIN_N) {
          GemmVectorPacking.packRowsA(a, a0, K, mc, kc, MR, ws.ap, A_PANEL_STRIDE);
          block(
              ws, ws.ap, 0, 1, MR, A_PANEL_STRIDE, a, a0, K, mc, kc, nc, bp, b0, c, cBlock, N, add);
        } else {
          block(ws, a, a0, K, 1, MR * K, a, a0, K, mc, kc, nc, bp, b0, c, cBlock, N, add);
        }
      }
    }
  }

  /**
   * Whole panels of aᵀ·b's rows through {@link GemmVectorColumns}, b packed once for all threads;
   * returns the first row left for the general path (fewer than a panel's rows).
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
      int minBlocks) {
    int panel = GemmVectorColumns.TILE_M;
    int panels = M / panel;
    int tiles = (N + GemmVectorColumns.TILE_N - 1) / GemmVectorColumns.TILE_N;
    float[] bp = ws.packedB(K * tiles * GemmVectorColumns.TILE_N);
    GemmVectorColumns.packB(b, bOff, K, N, bp);
    int minPanels = Math.max(1, (minBlocks * GemmKernel.ROW_BLOCK + panel - 1) / panel);
    Parallel.forRange(
        panels,
        Math.min(minPanels, panels + 1),
        (start, end) -> {
          float[] ct = WORKSPACE.get().columnTile(tiles * GemmVectorColumns.TILE_N * panel);
          for (int p = start; p < end; p++) {
            GemmVectorColumns.rowPanel(c, cOff, a, aOff, M, K, N, bp, p * panel, accumulate, ct);
          }
        });
    return panels * panel;
  }

  /**
   * c[mc, nc] [+]= a[mc, kc] · packed b block (kc, nc), where a[r, k] is a[a0 + r * rowStride + k *
   * kStride] within a micro-panel of MR rows, panels panelStride floats apart: rows in place (lda,
   * 1, MR * lda) or packed micro-panels (1, MR, A_PANEL_STRIDE). A last panel of b packed for dot
   * products is read against a's rows in place, rows[rows0 + r * lda + k] (null for aᵀ·b, whose b
   * has no such panel).
   */
  private static void block(
      Workspace ws,
      float[] a,
      int a0,
      int rowStride,
      int kStride,
      int panelStride,
      float[] rows,
      int rows0,
      int lda,
      int mc,
      int kc,
      int nc,
      float[] bp,
      int bp0,
      float[] c,
      int c0,
      int ldc,
      boolean add) {
    for (int jr = 0; jr < nc; jr += W) {
      int nw = Math.min(W, nc - jr);
      int bo = bp0 + jr * kc;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        int ao = a0 + ir / MR * panelStride;
        int co = c0 + ir * ldc + jr;
        // dots reads rows of a along k; for aᵀ·b, pack gave the last panel the narrow layout
        if (nw <= DOT_MAX && rows != null) {
          GemmVectorTiles.dots(kc, rows, rows0 + ir * lda, lda, mr, bp, bo, c, co, ldc, nw, add);
        } else if (nw <= VL) {
          GemmVectorTiles.narrow(
              kc, a, ao, rowStride, kStride, mr, bp, bo, c, co, ldc, nw, add, ws.tile);
        } else if (MR == 6) {
          if (kStride == 1) {
            GemmVectorTiles.wideRows6(
                kc, a, ao, rowStride, mr, bp, bo, c, co, ldc, nw, add, ws.tile);
          } else {
            GemmVectorTiles.widePanel6(kc, a, ao, mr, bp, bo, c, co, ldc, nw, add, ws.tile);
          }
        } else if (kStride == 1) {
          GemmVectorTiles.wideRows4(kc, a, ao, rowStride, mr, bp, bo, c, co, ldc, nw, add, ws.tile);
        } else {
          GemmVectorTiles.widePanel4(kc, a, ao, mr, bp, bo, c, co, ldc, nw, add, ws.tile);
        }
      }
    }
  }
}
