package org.tinyformer.kernels.gemm;

/**
 * The plain twin of {@link GemmKernel}: the same three layouts as obvious triple loops, one dot
 * product per output element. It is the test oracle of the fast path and readable documentation of
 * what each layout computes. All matrices are row-major {@code float[]} slices starting at an
 * offset.
 */
public final class GemmPlain {
  private GemmPlain() {}

  /** c (M, N) = [c +] a (M, K) · b (K, N). */
  public static void matmul(
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
    GemmKernel.checkArguments("matmul", c, cOff, a, aOff, b, bOff, M, K, N);
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        float sum = 0f;
        for (int k = 0; k < K; k++) {
          sum += a[aOff + i * K + k] * b[bOff + k * N + j]; // a[i, k] * b[k, j]
        }
        store(c, cOff + i * N + j, sum, accumulate);
      }
    }
  }

  /** c (M, N) = [c +] aᵀ · b where a is stored (K, M) and b (K, N). */
  public static void matmulTransA(
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
    GemmKernel.checkArguments("matmulTransA", c, cOff, a, aOff, b, bOff, M, K, N);
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        float sum = 0f;
        for (int k = 0; k < K; k++) {
          sum += a[aOff + k * M + i] * b[bOff + k * N + j]; // a[k, i] * b[k, j]
        }
        store(c, cOff + i * N + j, sum, accumulate);
      }
    }
  }

  /** c (M, N) = [c +] a · bᵀ where a is stored (M, K) and b (N, K). */
  public static void matmulTransB(
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
    GemmKernel.checkArguments("matmulTransB", c, cOff, a, aOff, b, bOff, M, K, N);
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        float sum = 0f;
        for (int k = 0; k < K; k++) {
          sum += a[aOff + i * K + k] * b[bOff + j * K + k]; // a[i, k] * b[j, k]
        }
        store(c, cOff + i * N + j, sum, accumulate);
      }
    }
  }

  /** c (M, N) = [c +] a (M, K) · b (K, N), all arrays starting at offset 0. */
  public static void matmul(
      float[] c, float[] a, float[] b, int M, int K, int N, boolean accumulate) {
    matmul(c, 0, a, 0, b, 0, M, K, N, accumulate);
  }

  /** c (M, N) = [c +] aᵀ · b where a is stored (K, M), all arrays starting at offset 0. */
  public static void matmulTransA(
      float[] c, float[] a, float[] b, int M, int K, int N, boolean accumulate) {
    matmulTransA(c, 0, a, 0, b, 0, M, K, N, accumulate);
  }

  /** c (M, N) = [c +] a · bᵀ where b is stored (N, K), all arrays starting at offset 0. */
  public static void matmulTransB(
      float[] c, float[] a, float[] b, int M, int K, int N, boolean accumulate) {
    matmulTransB(c, 0, a, 0, b, 0, M, K, N, accumulate);
  }

  private static void store(float[] c, int index, float sum, boolean accumulate) {
    c[index] = accumulate ? c[index] + sum : sum;
  }
}
