package org.tinyformer.tensor;

/**
 * TEMPORARY plain loops with the signatures of {@code kernels.Gemm}, used until that kernel lands
 * on main; then every call switches to {@code Gemm} and this file is deleted.
 */
final class GemmStandIn {
  private GemmStandIn() {}

  /** c (M, N) = [c +] a (M, K) · b (K, N). */
  static void matmul(
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N,
      boolean accumulate) {
    for (int i = 0; i < M; i++) {
      float[] row = new float[N];
      for (int k = 0; k < K; k++) {
        float aik = a[aOff + i * K + k];
        int bRow = bOff + k * N;
        for (int j = 0; j < N; j++) {
          row[j] += aik * b[bRow + j];
        }
      }
      store(c, cOff + i * N, row, accumulate);
    }
  }

  /** c (M, N) = [c +] aᵀ · b where a is stored (K, M) and b (K, N). */
  static void matmulTransA(
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N,
      boolean accumulate) {
    for (int i = 0; i < M; i++) {
      float[] row = new float[N];
      for (int k = 0; k < K; k++) {
        float aki = a[aOff + k * M + i];
        int bRow = bOff + k * N;
        for (int j = 0; j < N; j++) {
          row[j] += aki * b[bRow + j];
        }
      }
      store(c, cOff + i * N, row, accumulate);
    }
  }

  /** c (M, N) = [c +] a · bᵀ where a is stored (M, K) and b (N, K). */
  static void matmulTransB(
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N,
      boolean accumulate) {
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        float acc = 0f;
        for (int k = 0; k < K; k++) {
          acc += a[aOff + i * K + k] * b[bOff + j * K + k];
        }
        c[cOff + i * N + j] = accumulate ? c[cOff + i * N + j] + acc : acc;
      }
    }
  }

  private static void store(float[] c, int off, float[] row, boolean accumulate) {
    for (int j = 0; j < row.length; j++) {
      c[off + j] = accumulate ? c[off + j] + row[j] : row[j];
    }
  }
}
