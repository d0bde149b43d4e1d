package org.tinyformer.kernels.gemm;

import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * Fast single-precision GEMM for the three layouts that forward and backward passes need: A·B, Aᵀ·B
 * and A·Bᵀ, row-major, parallel over rows of c on the shared {@link Parallel} pool. Safe to call
 * from inside a {@code Parallel.forRange} body (it then runs on that thread alone). Usage: {@code
 * GemmKernel.matmul(out, inp, weight, B * T, C, OC, false)}; {@link GemmPlain} is the oracle.
 */
public final class GemmKernel {
  private GemmKernel() {}

  /** The three layouts, named by which operand is transposed; {@code label} as in benchmarks. */
  public enum Layout {
    NN("A.B"),
    TN("At.B"),
    NT("A.Bt");

    private final String label;

    Layout(String label) {
      this.label = label;
    }

    /** {@code A.B}, {@code At.B} or {@code A.Bt}. */
    public String label() {
      return label;
    }
  }

  /** c (M, N) = [c +] op(a) · op(b) for the given layout; the same as the matching method. */
  // spotless:off
  public static void matmul(Layout layout, float[] c, int cOff, float[] a, int aOff, float[] b, int bOff, int M, int K, int N, boolean accumulate) {
    switch (layout) {
      case NN -> matmul(c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
      case TN -> matmulTransA(c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
      case NT -> matmulTransB(c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
    }
  }
  // spotless:on

  /** Multiply-adds below which a chunk of rows is not worth handing to another thread. */
  private static final long MIN_CHUNK_WORK = 1L << 18;

  /** Rows of c per work unit: the micro-kernel height, so chunks never split a row panel. */
  static final int ROW_BLOCK = 6;

  /** c (M, N) = [c +] a (M, K) · b (K, N), all row-major, starting at the given offsets. */
  // spotless:off
  public static void matmul(float[] c, int cOff, float[] a, int aOff, float[] b, int bOff, int M, int K, int N, boolean accumulate) {
    checkArguments("matmul", c, cOff, a, aOff, b, bOff, M, K, N);
    run(Layout.NN, c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
  }
  // spotless:on

  /** c (M, N) = [c +] aᵀ · b where a is stored (K, M) and b (K, N). */
  // spotless:off
  public static void matmulTransA(float[] c, int cOff, float[] a, int aOff, float[] b, int bOff, int M, int K, int N, boolean accumulate) {
    checkArguments("matmulTransA", c, cOff, a, aOff, b, bOff, M, K, N);
    run(Layout.TN, c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
  }
  // spotless:on

  /** c (M, N) = [c +] a · bᵀ where a is stored (M, K) and b (N, K). */
  // spotless:off
  public static void matmulTransB(float[] c, int cOff, float[] a, int aOff, float[] b, int bOff, int M, int K, int N, boolean accumulate) {
    checkArguments("matmulTransB", c, cOff, a, aOff, b, bOff, M, K, N);
    run(Layout.NT, c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
  }
  // spotless:on

  /** c (M, N) = [c +] a (M, K) · b (K, N), all arrays starting at offset 0. */
  // spotless:off
  public static void matmul(float[] c, float[] a, float[] b, int M, int K, int N, boolean accumulate) {
    matmul(c, 0, a, 0, b, 0, M, K, N, accumulate);
  }
  // spotless:on

  /** c (M, N) = [c +] aᵀ · b where a is stored (K, M), all arrays starting at offset 0. */
  // spotless:off
  public static void matmulTransA(float[] c, float[] a, float[] b, int M, int K, int N, boolean accumulate) {
    matmulTransA(c, 0, a, 0, b, 0, M, K, N, accumulate);
  }
  // spotless:on

  /** c (M, N) = [c +] a · bᵀ where b is stored (N, K), all arrays starting at offset 0. */
  // spotless:off
  public static void matmulTransB(float[] c, float[] a, float[] b, int M, int K, int N, boolean accumulate) {
    matmulTransB(c, 0, a, 0, b, 0, M, K, N, accumulate);
  }
  // spotless:on

  private static void run(
      Layout layout,
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
    run(layout, Simd.AVAILABLE, true, c, cOff, a, aOff, b, bOff, M, K, N, accumulate);
  }

  /**
   * Splits the rows of c into chunks of whole row blocks, one per thread when the work pays for the
   * hand-off. Package-private so that tests can pin the vector or plain path and the threading.
   */
  static void run(
      Layout layout,
      boolean vector,
      boolean parallel,
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
    if (M == 0 || N == 0) {
      return;
    }
    if (!vector) {
      Simd.noticeIfUnavailable();
    }
    int blocks = (M + ROW_BLOCK - 1) / ROW_BLOCK;
    long blockWork = (long) ROW_BLOCK * Math.max(1, K) * N;
    int minBlocks = parallel ? (int) ((MIN_CHUNK_WORK + blockWork - 1) / blockWork) : blocks + 1;
    minBlocks = Math.max(1, Math.min(minBlocks, blocks + 1));
    if (vector) {
      GemmVector.multiply(layout, c, cOff, a, aOff, b, bOff, M, K, N, accumulate, minBlocks);
      return;
    }
    Parallel.forRange(
        blocks,
        minBlocks,
        (start, end) ->
            GemmFallback.rows(
                layout,
                c,
                cOff,
                a,
                aOff,
                b,
                bOff,
                M,
                K,
                N,
                accumulate,
                start * ROW_BLOCK,
                Math.min(M, end * ROW_BLOCK)));
  }

  /**
   * Validates dimensions and that every operand slice fits in its array (kernels import no base).
   */
  static void checkArguments(
      String op,
      float[] c,
      int cOff,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int M,
      int K,
      int N) {
    if (M < 0 || K < 0 || N < 0) {
      throw new IllegalArgumentException(
          String.format("%s: dimensions must be non-negative: M=%d, K=%d, N=%d", op, M, K, N));
    }
    boolean transA = op.equals("matmulTransA");
    boolean transB = op.equals("matmulTransB");
    checkSlice(op, "a", a, aOff, transA ? K : M, transA ? M : K);
    checkSlice(op, "b", b, bOff, transB ? N : K, transB ? K : N);
    checkSlice(op, "c", c, cOff, M, N);
  }

  private static void checkSlice(String op, String name, float[] x, int off, int rows, int cols) {
    long need = (long) off + (long) rows * cols;
    if (x == null) {
      throw new IllegalArgumentException(op + ": " + name + " is null");
    }
    if (off < 0 || need > x.length) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s (%d, %d) at offset %d needs %d floats, array has %d",
              op, name, rows, cols, off, need, x.length));
    }
  }
}
