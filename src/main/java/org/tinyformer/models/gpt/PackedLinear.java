package org.tinyformer.models.gpt;

import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.gemm.GemvKernel;
import org.tinyformer.kernels.gemm.PanelGemvKernel;

/**
 * A Linear layer's weights for {@link GptDecoder}: y (R, N) = x (R, K) W^T + b with W (N, K) read
 * from a copy packed by column panels ({@link PanelGemvKernel}, no reduction across lanes, no
 * per-call packing), or from W itself when the model is too large to copy or many rows come at
 * once.
 */
final class PackedLinear {
  /** Above this many rows a (possibly parallel) GEMM on W is faster than the panel kernel. */
  private static final int PANEL_MAX_ROWS = 64;

  /** Without a packed copy, up to this many rows go through dot products instead of a GEMM. */
  private static final int GEMV_MAX_ROWS = 4;

  private final float[] weight; // (N, K), the parameter's own storage
  private final float[] packed; // (ceil(N / 64), K, 64), or null
  private final float[] bias; // (N), or null
  private final int K;
  private final int N;

  /** Packs a copy of {@code weight} (N, K) when {@code pack}; bias may be null. */
  PackedLinear(float[] weight, float[] bias, int N, int K, boolean pack) {
    this.weight = weight;
    this.bias = bias;
    this.K = K;
    this.N = N;
    this.packed = pack ? new float[PanelGemvKernel.packedSize(N, K)] : null;
    if (pack) {
      PanelGemvKernel.pack(packed, weight, N, K);
    }
  }

  /** Whether a packed copy of the weights exists. */
  boolean isPacked() {
    return packed != null;
  }

  /** out (R, N) = inp (R, K) W^T + b. */
  void apply(float[] out, float[] inp, int R) {
    if (packed != null && R <= PANEL_MAX_ROWS) {
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
