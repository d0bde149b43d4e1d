package org.tinyformer.kernels.gemm;

/**
 * The plain twin of {@link PanelGemvBf16Kernel}: per output, {@code Math.fma} over k in order from
 * zero with the weight widened from bf16, then the bias, exactly as each vector lane does.
 */
final class PanelGemvBf16Plain {
  private PanelGemvBf16Plain() {}

  /** Columns n0 .. n1 of out (M, N). */
  static void forward(
      float[] out, float[] inp, short[] packed, float[] bias, int M, int K, int N, int n0, int n1) {
    int P = PanelGemvKernel.PANEL;
    for (int m = 0; m < M; m++) {
      for (int n = n0; n < n1; n++) {
        int w = n / P * K * P + n % P; // column n of its panel, row k at w + k P
        float sum = 0f;
        for (int k = 0; k < K; k++) {
          sum = Math.fma(inp[m * K + k], Bf16.toFloat(packed[w + k * P]), sum);
        }
        out[m * N + n] = bias == null ? sum : sum + bias[n];
      }
    }
  }
}
