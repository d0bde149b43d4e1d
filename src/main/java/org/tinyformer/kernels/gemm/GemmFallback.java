package org.tinyformer.kernels.gemm;

/**
 * The plain-Java path of {@link GemmKernel}, used when the Vector API is not enabled:
 * row-times-matrix loops whose inner loop runs along contiguous rows of b, which HotSpot
 * auto-vectorises. A·Bᵀ first transposes a column block of b so that it can use the same inner
 * loop.
 */
final class GemmFallback {
  private GemmFallback() {}

  /** Columns of bᵀ transposed at a time for A·Bᵀ (bounded scratch, stays in cache). */
  private static final int NT_BLOCK = 256;

  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

  /** Computes rows [m0, m1) of c for the given layout. */
  static void rows(
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
      int m0,
      int m1) {
    if (!accumulate) {
      java.util.Arrays.fill(c, cOff + m0 * N, cOff + m1 * N, 0f);
    }
    switch (layout) {
      case NN -> rowsNN(c, cOff, a, aOff, 1, K, b, bOff, K, N, N, 0, N, m0, m1);
      case TN -> rowsNN(c, cOff, a, aOff, M, 1, b, bOff, K, N, N, 0, N, m0, m1);
      case NT -> rowsNT(c, cOff, a, aOff, b, bOff, K, N, m0, m1);
    }
  }

  /**
   * c[i, j0:j1] += sum_k a[i, k] * b[k, j], where a[i, k] sits at aOff + k * aStrideK + i *
   * aStrideI and b (K, ldb) is row-major with b[k, j] at bOff + k * ldb + (j - j0).
   */
  private static void rowsNN(
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      int aStrideK,
      int aStrideI,
      float[] b,
      int bOff,
      int K,
      int ldb,
      int N,
      int j0,
      int j1,
      int m0,
      int m1) {
    int width = j1 - j0;
    for (int i = m0; i < m1; i++) {
      int ci = cOff + i * N + j0;
      for (int k = 0; k < K; k++) {
        float aik = a[aOff + i * aStrideI + k * aStrideK];
        int bk = bOff + k * ldb;
        for (int j = 0; j < width; j++) {
          c[ci + j] += aik * b[bk + j];
        }
      }
    }
  }

  /** A·Bᵀ: transposes b (N, K) one column block at a time into scratch (K, block), then NN. */
  private static void rowsNT(
      float[] c, int cOff, float[] a, int aOff, float[] b, int bOff, int K, int N, int m0, int m1) {
    float[] bt = scratch(K * Math.min(N, NT_BLOCK));
    for (int j0 = 0; j0 < N; j0 += NT_BLOCK) {
      int width = Math.min(NT_BLOCK, N - j0);
      for (int j = 0; j < width; j++) {
        for (int k = 0; k < K; k++) {
          bt[k * width + j] = b[bOff + (j0 + j) * K + k]; // bt[k, j] = b[j0 + j, k]
        }
      }
      rowsNN(c, cOff, a, aOff, 1, K, bt, 0, K, width, N, j0, j0 + width, m0, m1);
    }
  }

  private static float[] scratch(int size) {
    float[] buffer = SCRATCH.get();
    if (buffer.length < size) {
      buffer = new float[size];
      SCRATCH.set(buffer);
    }
    return buffer;
  }
}
