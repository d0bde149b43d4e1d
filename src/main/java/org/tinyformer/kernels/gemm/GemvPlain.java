package org.tinyformer.kernels.gemm;

/** The plain twin of {@link GemvKernel}: one float dot product per output, summed in order. */
final class GemvPlain {
  private GemvPlain() {}

  static void forward(
      float[] out,
      int outOff,
      float[] inp,
      int inpOff,
      float[] weight,
      int weightOff,
      float[] bias,
      int M,
      int K,
      int N) {
    for (int m = 0; m < M; m++) {
      for (int n = 0; n < N; n++) {
        float sum = 0f;
        for (int k = 0; k < K; k++) {
          sum += inp[inpOff + m * K + k] * weight[weightOff + n * K + k];
        }
        out[outOff + m * N + n] = bias == null ? sum : sum + bias[n];
      }
    }
  }
}
