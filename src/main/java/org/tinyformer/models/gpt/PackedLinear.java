package org.tinyformer.models.gpt;

import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.gemm.GemvKernel;
import org.tinyformer.kernels.gemm.PanelGemvBf16Kernel;
import org.tinyformer.kernels.gemm.PanelGemvKernel;

/**
 * A Linear layer's weights for {@link GptDecoder}: y (R, N) = x (R, K) W^T + b with W (N, K) read
 * from a copy packed by column panels ({@link PanelGemvKernel}, no reduction across lanes, no
 * per-call packing), or from W itself when the model is too large to copy or many rows come at
 * once. With bf16 weights, W is rounded once into bf16 panels ({@link PanelGemvBf16Kernel}) that
 * every call reads: half the bytes of f32, float accumulation.
 */
final class PackedLinear {
  /** Above this many rows a (possibly parallel) GEMM on W is faster than the panel kernel. */
  private static final int PANEL_MAX_ROWS = 64;

  /** Without a packed copy, up to this many rows go through dot products instead of a GEMM. */
  private static final int GEMV_MAX_ROWS = 4;

  private final float[] weight; // (N, K), the parameter's own storage
  private final float[] packed; // (ceil(N / 64), K, 64), or null
  private final short[] packedBf16; // (ceil(N / 64), K, 64) bf16, or null
  private final float[] bias; // (N), or null
  private final int K;
  private final int N;

  /**
   * Packs a copy of {@code weight} (N, K) when {@code pack}, or a bf16 copy when {@code bf16} (then
   * always); bias may be null.
   */
  PackedLinear(float[] weight, float[] bias, int N, int K, boolean pack, boolean bf16) {
    this.weight = weight;
    this.bias = bias;
    this.K = K;
    this.N = N;
    this.packed = pack && !bf16 ? new float[PanelGemvKernel.packedSize(N, K)] : null;
    if (packed != null) {
      PanelGemvKernel.pack(packed, weight, N, K);
    }
    this.packedBf16 = bf16 ? new short[PanelGemvBf16Kernel.packedSize(N, K)] : null;
    if (bf16) {
      PanelGemvBf16Kernel.pack(packedBf16, weight, N, K);
    }
  }

  /** Whether a packed copy of the weights exists (f32 or bf16). */
  boolean isPacked() {
    return packed != null || packedBf16 != null;
  }

  /**
   * Whether {@link #applyPanels} serves R rows: the panel kernels (packed) or dot products (W in
   * place, few rows); otherwise {@link #apply} runs a GEMM that shares its work itself.
   */
  boolean splits(int R) {
    return isPacked() ? packedBf16 != null || R <= PANEL_MAX_ROWS : R <= GEMV_MAX_ROWS;
  }

  /** Column panels of 64, the unit {@link #applyPanels} shares among threads. */
  int panels() {
    return PanelGemvKernel.panels(N);
  }

  /** Multiply-adds of R rows. */
  long work(int R) {
    return (long) R * K * N;
  }

  /**
   * out (R, N) = inp (R, K) W^T + b for the columns of panels [p0, p1) only (the same bits as
   * {@link #apply}: every column is computed alone); needs {@link #splits}(R).
   */
  void applyPanels(float[] out, float[] inp, int R, int p0, int p1) {
    if (packedBf16 != null) {
      PanelGemvBf16Kernel.forwardPanels(out, inp, packedBf16, bias, R, K, N, p0, p1);
    } else if (packed != null) {
      PanelGemvKernel.forwardPanels(out, inp, packed, bias, R, K, N, p0, p1);
    } else {
      int n0 = p0 * PanelGemvKernel.PANEL;
      int n1 = Math.min(N, p1 * PanelGemvKernel.PANEL);
      for (int r = 0; r < R && n0 < n1; r++) { // out rows are N apart: one call per row
        GemvKernel.forward(out, r * N + n0, inp, r * K, weight, n0 * K, null, 1, K, n1 - n0);
        if (bias != null) {
          for (int n = n0; n < n1; n++) {
            out[r * N + n] += bias[n];
          }
        }
      }
    }
  }

  /** out (R, N) = inp (R, K) W^T + b. */
  void apply(float[] out, float[] inp, int R) {
    if (packedBf16 != null) {
      PanelGemvBf16Kernel.forward(out, inp, packedBf16, bias, R, K, N);
    } else if (packed != null && R <= PANEL_MAX_ROWS) {
      // one thread: a hand-off per call costs more than it saves on a busy machine
      PanelGemvKernel.forward(out, inp, packed, bias, R, K, N, false);
    } else if (R <= GEMV_MAX_ROWS) {
      GemvKernel.forward(out, inp, weight, bias, R, K, N);
    } else {
      GemmKernel.matmulTransB(out, 0, inp, 0, weight, 0, R, K, N, false);
      if (bias != null) {
        for (int r = 0; r < R; r++) {
          for (int n = 0; n < N; n++) {
            out[r * N + n] += bias[n];
          }
        }
      }
    }
  }
}
