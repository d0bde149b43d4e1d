package org.tinyformer.kernels.runtime;

/**
 * Chunk sizes for {@link Parallel#forRange}: a chunk should carry enough work (about 16K floats
 * touched) to pay for handing it to another thread, so small calls stay on the caller's thread.
 */
public final class Work {
  private Work() {}

  /** Floats a chunk should touch at least. */
  public static final int MIN_FLOATS = 1 << 14;

  /**
   * Elementwise chunks start at multiples of this: a whole number of vectors for any species, so
   * the scalar tail (whose rounding may differ from the vector path) is always the same last
   * elements, whatever the thread count.
   */
  public static final int ALIGN = 64;

  /** Columns are split in blocks of this many, so vector loops keep full width. */
  public static final int COLUMN_BLOCK = 16;

  /** Minimum rows per chunk for rows of {@code width} floats. */
  public static int rows(int width) {
    return Math.max(1, MIN_FLOATS / Math.max(1, width));
  }

  /** Minimum elements per chunk for flat elementwise loops. */
  public static int elements() {
    return MIN_FLOATS * 4;
  }

  /**
   * Runs {@code body} over ranges {@code [i0, i1)} of n elements in parallel, every range starting
   * at a multiple of {@link #ALIGN}, so that results do not depend on the thread count.
   */
  public static void elements(int n, Parallel.RangeBody body) {
    int blocks = (n + ALIGN - 1) / ALIGN;
    Parallel.forRange(
        blocks, elements() / ALIGN, (b0, b1) -> body.run(b0 * ALIGN, Math.min(n, b1 * ALIGN)));
  }

  /**
   * Runs {@code body} over column ranges {@code [c0, c1)} of an (N, C) array in parallel: for
   * reductions over rows (parameter gradients) that must not share output elements between threads,
   * and that give the same result for any thread count.
   */
  public static void columns(int N, int C, Parallel.RangeBody body) {
    int blocks = (C + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    int minBlocks = Math.max(1, MIN_FLOATS / Math.max(1, N * COLUMN_BLOCK));
    Parallel.forRange(
        blocks, minBlocks, (b0, b1) -> body.run(b0 * COLUMN_BLOCK, Math.min(C, b1 * COLUMN_BLOCK)));
  }
}
