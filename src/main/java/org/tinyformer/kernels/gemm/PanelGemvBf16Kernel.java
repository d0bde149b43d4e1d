package org.tinyformer.kernels.gemm;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Simd;

/**
 * {@link PanelGemvKernel} with the weight stored as bfloat16: half the bytes read per decoded
 * token, which is what a memory-bound decode is limited by. {@code out (M, N) = inp (M, K) ·
 * weightᵀ + bias}; the (N, K) weight is rounded to bf16 (nearest even) into {@code ceil(N / 64)}
 * panels of (K, 64) shorts, widened to float in registers, products summed with FMA in float from
 * zero in k order, then the bias added: the Vector API path and {@link PanelGemvBf16Plain} give the
 * same bits. Usage: {@code pack(packed, w, N, K)} once, then {@code forward(out, inp, packed, bias,
 * 1, K, N)} per token.
 */
public final class PanelGemvBf16Kernel {
  private PanelGemvBf16Kernel() {}

  /** Shorts of the packed form of an (N, K) weight. */
  public static int packedSize(int N, int K) {
    return PanelGemvKernel.packedSize(N, K);
  }

  /** packed (ceil(N / 64), K, 64) = bf16 of the (N, K) weight by column panels; padding zero. */
  public static void pack(short[] packed, float[] weight, int N, int K) {
    String op = "panelGemvBf16.pack";
    KernelArgs.positive(op, "N, K", N, K);
    KernelArgs.floats(op, "weight", weight, N, K);
    KernelArgs.check(
        packed.length == packedSize(N, K),
        "%s: packed needs %d shorts for (%d, %d), array has %d",
        op,
        packedSize(N, K),
        N,
        K,
        packed.length);
    int P = PanelGemvKernel.PANEL;
    for (int p = 0; p * P < N; p++) {
      int base = p * K * P;
      for (int j = 0; j < P; j++) {
        int n = p * P + j;
        for (int k = 0; k < K; k++) {
          packed[base + k * P + j] = n < N ? Bf16.fromFloat(weight[n * K + k]) : 0;
        }
      }
    }
  }

  /** out (M, N) = inp (M, K) · bf16(weight)ᵀ + bias (N, or null), on the calling thread. */
  public static void forward(
      float[] out, float[] inp, short[] packed, float[] bias, int M, int K, int N) {
    forwardPanels(out, inp, packed, bias, M, K, N, 0, PanelGemvKernel.panels(N));
  }

  /**
   * Only the columns of panels [p0, p1) of out (M, N), on the calling thread, for a caller that
   * shares the panels among threads (any split gives the same bits).
   */
  // spotless:off
  public static void forwardPanels(float[] out, float[] inp, short[] packed, float[] bias, int M, int K, int N, int p0, int p1) {
    String op = "panelGemvBf16";
    KernelArgs.positive(op, "M, K, N", M, K, N);
    KernelArgs.floats(op, "out", out, M, N);
    KernelArgs.floats(op, "inp", inp, M, K);
    if (packed.length != packedSize(N, K)) {
      throw new IllegalArgumentException(String.format("%s: packed needs %d shorts for (%d, %d), array has %d", op, packedSize(N, K), N, K, packed.length));
    }
    KernelArgs.optionalFloats(op, "bias", bias, N);
    if (p0 < 0 || p0 > p1 || p1 > PanelGemvKernel.panels(N)) {
      throw new IllegalArgumentException(op + ": panels [" + p0 + ", " + p1 + ") are outside [0, " + PanelGemvKernel.panels(N) + ")");
    }
    int n0 = p0 * PanelGemvKernel.PANEL;
    int n1 = Math.min(N, p1 * PanelGemvKernel.PANEL);
    if (n0 >= n1) {
      return;
    }
    if (Simd.AVAILABLE && PanelGemvBf16Vector.fits()) {
      PanelGemvBf16Vector.forward(out, inp, packed, bias, M, K, N, n0, n1);
    } else {
      Simd.noticeIfUnavailable();
      PanelGemvBf16Plain.forward(out, inp, packed, bias, M, K, N, n0, n1);
    }
  }
  // spotless:on
}
