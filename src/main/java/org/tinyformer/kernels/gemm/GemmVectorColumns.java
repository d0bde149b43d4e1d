package org.tinyformer.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel}'s kernel for aᵀ·b with few columns (the LM head's N = 65), vectorised down the
 * columns of c instead of along its rows: a stored (K, M) is then read in place, contiguous along
 * M, and no transposing pack of a is needed. A tile is 2 vectors of rows x 6 columns, 12
 * accumulators; results go to a transposed tile buffer ct (N, TILE_M) and then into c once.
 */
final class GemmVectorColumns {
  private GemmVectorColumns() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int VL = S.length();

  /** Rows of c per tile (two vectors) and columns per tile (broadcasts per k). */
  static final int TILE_M = 2 * VL;

  static final int TILE_N = 6;

  /** Depth per block: keeps a's (KC, TILE_M) panel in L1 while it serves every column tile. */
  static final int KC = 128;

  /** bp[p * K * TILE_N + k * TILE_N + j] = b[k, p * TILE_N + j], zero past column N. */
  static void packB(float[] b, int bOff, int K, int N, float[] bp) {
    for (int p = 0; p * TILE_N < N; p++) {
      int nw = Math.min(TILE_N, N - p * TILE_N);
      for (int k = 0; k < K; k++) {
        int d = (p * K + k) * TILE_N;
        int s = bOff + k * N + p * TILE_N;
        for (int j = 0; j < TILE_N; j++) {
          bp[d + j] = j < nw ? b[s + j] : 0f;
        }
      }
    }
  }

  /**
   * Rows [i0, i0 + TILE_M) of c (M, N) [+]= aᵀ · b, with a stored (K, M) from aOff and b packed by
   * {@link #packB}; ct is scratch of at least N rounded up to TILE_N, times TILE_M floats.
   */
  static void rowPanel(
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      int M,
      int K,
      int N,
      float[] bp,
      int i0,
      boolean accumulate,
      float[] ct) {
    for (int pc = 0; pc < K; pc += KC) {
      int kc = Math.min(KC, K - pc);
      for (int p = 0; p * TILE_N < N; p++) {
        tile(
            kc,
            a,
            aOff + pc * M + i0,
            M,
            bp,
            (p * K + pc) * TILE_N,
            ct,
            p * TILE_N * TILE_M,
            pc > 0);
      }
    }
    storeTransposed(ct, c, cOff + i0 * N, N, accumulate);
  }

  /** ct[j, 0:TILE_M) [+]= sum_k bp[k, j] · a[k, 0:TILE_M) for j < TILE_N; a rows are lda apart. */
  private static void tile(
      int kc, float[] a, int a0, int lda, float[] bp, int bo, float[] ct, int to, boolean add) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      FloatVector x0 = FloatVector.fromArray(S, a, a0 + k * lda);
      FloatVector x1 = FloatVector.fromArray(S, a, a0 + k * lda + VL);
      int bk = bo + k * TILE_N;
      FloatVector y = FloatVector.broadcast(S, bp[bk]);
      c00 = x0.fma(y, c00);
      c01 = x1.fma(y, c01);
      y = FloatVector.broadcast(S, bp[bk + 1]);
      c10 = x0.fma(y, c10);
      c11 = x1.fma(y, c11);
      y = FloatVector.broadcast(S, bp[bk + 2]);
      c20 = x0.fma(y, c20);
      c21 = x1.fma(y, c21);
      y = FloatVector.broadcast(S, bp[bk + 3]);
      c30 = x0.fma(y, c30);
      c31 = x1.fma(y, c31);
      y = FloatVector.broadcast(S, bp[bk + 4]);
      c40 = x0.fma(y, c40);
      c41 = x1.fma(y, c41);
      y = FloatVector.broadcast(S, bp[bk + 5]);
      c50 = x0.fma(y, c50);
      c51 = x1.fma(y, c51);
    }
    if (add) {
      c00 = c00.add(FloatVector.fromArray(S, ct, to));
      c01 = c01.add(FloatVector.fromArray(S, ct, to + VL));
      c10 = c10.add(FloatVector.fromArray(S, ct, to + TILE_M));
      c11 = c11.add(FloatVector.fromArray(S, ct, to + TILE_M + VL));
      c20 = c20.add(FloatVector.fromArray(S, ct, to + 2 * TILE_M));
      c21 = c21.add(FloatVector.fromArray(S, ct, to + 2 * TILE_M + VL));
      c30 = c30.add(FloatVector.fromArray(S, ct, to + 3 * TILE_M));
      c31 = c31.add(FloatVector.fromArray(S, ct, to + 3 * TILE_M + VL));
      c40 = c40.add(FloatVector.fromArray(S, ct, to + 4 * TILE_M));
      c41 = c41.add(FloatVector.fromArray(S, ct, to + 4 * TILE_M + VL));
      c50 = c50.add(FloatVector.fromArray(S, ct, to + 5 * TILE_M));
      c51 = c51.add(FloatVector.fromArray(S, ct, to + 5 * TILE_M + VL));
    }
    c00.intoArray(ct, to);
    c01.intoArray(ct, to + VL);
    c10.intoArray(ct, to + TILE_M);
    c11.intoArray(ct, to + TILE_M + VL);
    c20.intoArray(ct, to + 2 * TILE_M);
    c21.intoArray(ct, to + 2 * TILE_M + VL);
    c30.intoArray(ct, to + 3 * TILE_M);
    c31.intoArray(ct, to + 3 * TILE_M + VL);
    c40.intoArray(ct, to + 4 * TILE_M);
    c41.intoArray(ct, to + 4 * TILE_M + VL);
    c50.intoArray(ct, to + 5 * TILE_M);
    c51.intoArray(ct, to + 5 * TILE_M + VL);
  }

  /** c[i, j] [+]= ct[j, i] for i < TILE_M, j < N: the one transposing pass per row panel. */
  private static void storeTransposed(float[] ct, float[] c, int c0, int N, boolean accumulate) {
    for (int i = 0; i < TILE_M; i++) {
      int o = c0 + i * N;
      for (int j = 0; j < N; j++) {
        float v = ct[j * TILE_M + i];
        c[o + j] = accumulate ? c[o + j] + v : v;
      }
    }
  }
}
