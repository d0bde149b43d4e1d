package org.tinyformer.kernels.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing for {@link GemmKernel}'s blocked path: copies a (kc, nc) block of op(b) into k-major
 * panels (kc, width) that the micro-kernel streams with unit stride, and an (mc, kc) block of a or
 * aᵀ into k-major micro-panels (kc, mr); transposes happen here, so one micro-kernel serves all
 * three layouts. Panels are {@code wide} columns, except a last one of at most {@code narrow}
 * columns; padding is zero. A last panel of at most {@code dotMax} columns is stored column by
 * column (nw, kc) instead, for the dot-product kernel. Loaded only when the Vector API is on.
 */
final class GemmVectorPacking {
  private GemmVectorPacking() {}

  /**
   * Copies one depth of a packed aᵀ micro-panel: 256 bits, faster in a pack-only measurement than
   * 512-bit copies (each straddles two cache lines), masked copies and scalar loops.
   */
  private static final VectorSpecies<Float> RUN = FloatVector.SPECIES_256;

  /** Whether {@link #RUN} is a hardware vector here rather than a slow emulated one. */
  private static final boolean RUN_IN_HARDWARE =
      FloatVector.SPECIES_PREFERRED.length() >= RUN.length();

  /**
   * bp[bpOff + panel at column jr: jr * kc + k * width + j] = op(b)[pc + k, jc + jr + j] for the
   * block (kc, nc), where op(b)[k, j] is b[k * N + j] or, when {@code transB}, b[j * K + k].
   */
  static void packB(
      boolean transB,
      float[] b,
      int bOff,
      int K,
      int N,
      int jc,
      int nc,
      int pc,
      int kc,
      int wide,
      int narrow,
      int dotMax,
      float[] bp,
      int bpOff) {
    for (int jr = 0; jr < nc; jr += wide) {
      int nw = Math.min(wide, nc - jr);
      int width = nw <= narrow ? narrow : wide;
      int base = bpOff + jr * kc;
      if (nw <= dotMax) {
        packDotPanel(transB, b, bOff, K, N, jc + jr, nw, pc, kc, bp, base);
      } else if (transB) {
        packTransposedPanel(b, bOff + (jc + jr) * K + pc, K, nw, width, kc, bp, base);
      } else {
        packPanel(b, bOff + pc * N + jc + jr, N, nw, width, kc, bp, base);
      }
    }
  }

  /** bp[base + j * kc + k] = op(b)[pc + k, col + j] for j < nw: columns contiguous along k. */
  private static void packDotPanel(
      boolean transB,
      float[] b,
      int bOff,
      int K,
      int N,
      int col,
      int nw,
      int pc,
      int kc,
      float[] bp,
      int base) {
    for (int j = 0; j < nw; j++) {
      if (transB) {
        System.arraycopy(b, bOff + (col + j) * K + pc, bp, base + j * kc, kc);
      } else {
        for (int k = 0; k < kc; k++) {
          bp[base + j * kc + k] = b[bOff + (pc + k) * N + col + j];
        }
      }
    }
  }

  /** bp[base + k * width + j] = src[s + k * ld + j] for j < nw, zero for nw <= j < width. */
  private static void packPanel(
      float[] src, int s, int ld, int nw, int width, int kc, float[] bp, int base) {
    for (int k = 0; k < kc; k++) {
      int d = base + k * width;
      System.arraycopy(src, s + k * ld, bp, d, nw);
      if (nw < width) {
        Arrays.fill(bp, d + nw, d + width, 0f);
      }
    }
  }

  /** bp[base + k * width + j] = src[s + j * ld + k] for j < nw, zero for nw <= j < width. */
  private static void packTransposedPanel(
      float[] src, int s, int ld, int nw, int width, int kc, float[] bp, int base) {
    for (int j = 0; j < width; j++) {
      if (j < nw) {
        int row = s + j * ld;
        for (int k = 0; k < kc; k++) {
          bp[base + k * width + j] = src[row + k];
        }
      } else {
        for (int k = 0; k < kc; k++) {
          bp[base + k * width + j] = 0f;
        }
      }
    }
  }

  /**
   * ap[p / mr * panelStride + k * mr + r] = a[a0 + (p + r) * lda + k] for each micro-panel starting
   * at row p (a multiple of mr), zero past row mc: an (mc, kc) block of a stored by rows, lda
   * apart, as the k-major micro-panels that {@link #packTransposedA} makes of aᵀ.
   */
  static void packRowsA(
      float[] a, int a0, int lda, int mc, int kc, int mr, float[] ap, int panelStride) {
    for (int p = 0; p < mc; p += mr) {
      int d = p / mr * panelStride;
      int rows = Math.min(mr, mc - p);
      for (int r = 0; r < mr; r++) {
        int s = a0 + (p + r) * lda;
        for (int k = 0; k < kc; k++) {
          ap[d + k * mr + r] = r < rows ? a[s + k] : 0f;
        }
      }
    }
  }

  /**
   * ap[p / mr * panelStride + k * mr + r] = a[(pc + k) * M + ic + p + r] for each micro-panel
   * starting at row p (a multiple of mr), zero past row mc: the (mc, kc) block of aᵀ, where a is
   * stored (K, M), as k-major micro-panels of mr rows (BLIS's layout). Each depth k reads one
   * contiguous run of a and writes mr floats to each panel, instead of scattering the run to mc
   * rows (a scalar transpose). A full panel's mr floats are copied as one {@link #RUN} vector whose
   * extra lanes land in the slots of depth k + 1 (copied over later) or, at the last depth, in the
   * padding after the panel: panelStride must be at least kc * mr + RUN.length() - mr.
   */
  static void packTransposedA(
      float[] a,
      int aOff,
      int M,
      int ic,
      int mc,
      int pc,
      int kc,
      int mr,
      float[] ap,
      int panelStride) {
    int runLength = RUN.length();
    if (panelStride < kc * mr + runLength - mr) {
      throw new IllegalArgumentException(
          "packTransposedA: panelStride " + panelStride + " leaves no room for a run's spill");
    }
    boolean vector = RUN_IN_HARDWARE && mr <= runLength;
    int full = mc / mr * mr;
    for (int k = 0; k < kc; k++) {
      int src = aOff + (pc + k) * M + ic;
      int d = k * mr;
      int p = 0;
      if (vector) {
        // the runs this depth copies whole: full panels whose run stays inside a, bounds worked
        // out once here instead of per panel
        int room = a.length - runLength - src;
        int runs = room < 0 ? 0 : Math.min(full / mr, room / mr + 1);
        for (int q = 0; q < runs; q++, p += mr, d += panelStride) {
          FloatVector.fromArray(RUN, a, src + p).intoArray(ap, d);
        }
      }
      for (; p < mc; p += mr, d += panelStride) {
        int rows = Math.min(mr, mc - p);
        for (int r = 0; r < rows; r++) {
          ap[d + r] = a[src + p + r];
        }
        for (int r = rows; r < mr; r++) {
          ap[d + r] = 0f;
        }
      }
    }
  }
}
