package org.tinyformer.kernels.gemm;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * Few-row products with a weight packed once into column panels, for decoding at inference: {@code
 * out (M, N) = inp (M, K) · weightᵀ + bias} where the (N, K) weight of an {@code nn.Linear} is
 * stored as {@code ceil(N / 64)} panels of (K, 64) columns (tail zero-padded). Each output lane
 * sums its K products in order with FMA from zero, then adds the bias: no cross-lane reduction, so
 * the Vector API path and {@link PanelGemvPlain} give the same bits. Usage: {@code pack(packed, w,
 * N, K)} once, then {@code forward(out, inp, packed, bias, 1, K, N)} per token.
 */
public final class PanelGemvKernel {
  private PanelGemvKernel() {}

  /** Columns per panel: four 512-bit vectors, eight 256-bit ones. */
  public static final int PANEL = 64;

  /** Floats of the packed form of an (N, K) weight. */
  public static int packedSize(int N, int K) {
    return (N + PANEL - 1) / PANEL * K * PANEL;
  }

  /** packed (ceil(N / 64), K, 64) = the (N, K) weight by column panels; padding columns zero. */
  public static void pack(float[] packed, float[] weight, int N, int K) {
    String op = "panelGemv.pack";
    KernelArgs.positive(op, "N, K", N, K);
    KernelArgs.floats(op, "weight", weight, N, K);
    KernelArgs.floats(op, "packed", packed, packedSize(N, K));
    for (int p = 0; p * PANEL < N; p++) {
      int base = p * K * PANEL;
      for (int j = 0; j < PANEL; j++) {
        int n = p * PANEL + j;
        for (int k = 0; k < K; k++) {
          packed[base + k * PANEL + j] = n < N ? weight[n * K + k] : 0f;
        }
      }
    }
  }

  /**
   * Multiply-adds a chunk of panels should carry to be worth handing to another thread (a hand-off
   * to a spinning worker costs about a microsecond).
   */
  static final long MIN_CHUNK_WORK = 1 << 15;

  // spotless:off
  /**
   * out (M, N) = inp (M, K) · weightᵀ + bias (N, or null), with {@code packed} from {@link #pack}.
   * Panels are shared among the {@link Parallel} threads when there is enough work.
   */
  public static void forward(float[] out, float[] inp, float[] packed, float[] bias, int M, int K, int N) {
    forward(out, inp, packed, bias, M, K, N, true);
  }
  // spotless:on

  /** The same, on the calling thread alone unless {@code parallel}. */
  // spotless:off
  public static void forward(float[] out, float[] inp, float[] packed, float[] bias, int M, int K, int N, boolean parallel) {
    check("panelGemv", out, inp, packed, bias, M, K, N);
    int panels = panels(N);
    long panelWork = (long) M * K * PANEL;
    int minPanels =
        parallel ? (int) Math.min(panels, (MIN_CHUNK_WORK + panelWork - 1) / panelWork) : panels;
    Parallel.forRange(panels, Math.max(1, minPanels), (p0, p1) -> run(out, inp, packed, bias, M, K, N, p0, p1));
  }
  // spotless:on

  /** Panels of an (N, K) weight: the unit in which callers split the columns among threads. */
  public static int panels(int N) {
    return (N + PANEL - 1) / PANEL;
  }

  /**
   * Only the columns of panels [p0, p1) of out (M, N), on the calling thread: for a caller that
   * shares the panels among threads itself (the decoder's fixed column halves). Any split gives the
   * same bits, since every column is computed alone.
   */
  // spotless:off
  public static void forwardPanels(float[] out, float[] inp, float[] packed, float[] bias, int M, int K, int N, int p0, int p1) {
    check("panelGemv", out, inp, packed, bias, M, K, N);
    if (p0 < 0 || p0 > p1 || p1 > panels(N)) {
      throw new IllegalArgumentException("panelGemv: panels [" + p0 + ", " + p1 + ") are outside [0, " + panels(N) + ")");
    }
    run(out, inp, packed, bias, M, K, N, p0, p1);
  }
  // spotless:on

  // spotless:off
  private static void check(String op, float[] out, float[] inp, float[] packed, float[] bias, int M, int K, int N) {
    KernelArgs.positive(op, "M, K, N", M, K, N);
    KernelArgs.floats(op, "out", out, M, N);
    KernelArgs.floats(op, "inp", inp, M, K);
    KernelArgs.floats(op, "packed", packed, packedSize(N, K));
    KernelArgs.optionalFloats(op, "bias", bias, N);
  }
  // spotless:on

  private static void run(
      float[] out, float[] inp, float[] packed, float[] bias, int M, int K, int N, int p0, int p1) {
    int n0 = p0 * PANEL;
    int n1 = Math.min(N, p1 * PANEL);
    if (n0 >= n1) {
      return;
    }
    if (Simd.AVAILABLE && PanelGemvVector.fits()) {
      PanelGemvVector.forward(out, inp, packed, bias, M, K, N, n0, n1);
    } else {
      Simd.noticeIfUnavailable();
      PanelGemvPlain.forward(out, inp, packed, bias, M, K, N, n0, n1);
    }
  }
}
