package org.tinyformer.models.encdec;

import org.tinyformer.tensor.Tensor;

/**
 * The fixed positional encoding of "Attention Is All You Need": PE(pos, 2i) = sin(pos /
 * 10000^(2i/C)), PE(pos, 2i+1) = cos(pos / 10000^(2i/C)). It has no parameters and extends to any
 * length, which helps length generalisation.
 */
public final class SinusoidalPositions {
  private SinusoidalPositions() {}

  /** The table for positions 0 .. T-1, shape (T, C), no gradient. */
  public static Tensor table(int T, int C) {
    float[] pe = new float[T * C]; // (T, C)
    for (int pos = 0; pos < T; pos++) {
      for (int i = 0; i < C; i += 2) {
        double angle = pos / Math.pow(10000.0, (double) i / C);
        pe[pos * C + i] = (float) Math.sin(angle);
        if (i + 1 < C) {
          pe[pos * C + i + 1] = (float) Math.cos(angle);
        }
      }
    }
    return Tensor.of(pe, T, C); // (T, C)
  }
}
