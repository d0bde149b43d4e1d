package org.tinyformer.models.encdec;

import org.tinyformer.base.Checks;

/**
 * How much of an attention matrix lies on a diagonal: the mean, over the chosen query rows, of the
 * weight each row gives to the key its pattern predicts. For copy, output i attends to input i
 * (diagonal); for reverse, output i attends to input n-1-i (anti-diagonal).
 */
public final class AttentionPattern {
  private AttentionPattern() {}

  /**
   * Mean weight on key {@code keyOffset + i} for query rows {@code queryOffset + i}, i in [0, n).
   */
  public static double diagonalMass(float[][] w, int queryOffset, int keyOffset, int n) {
    checkRange(w, queryOffset, keyOffset, n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += w[queryOffset + i][keyOffset + i];
    }
    return sum / n;
  }

  /**
   * Mean weight on key {@code keyOffset + n-1-i} for query rows {@code queryOffset + i}, i in [0,
   * n).
   */
  public static double antiDiagonalMass(float[][] w, int queryOffset, int keyOffset, int n) {
    checkRange(w, queryOffset, keyOffset, n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += w[queryOffset + i][keyOffset + n - 1 - i];
    }
    return sum / n;
  }

  private static void checkRange(float[][] w, int queryOffset, int keyOffset, int n) {
    Checks.check(n > 0, "attention pattern: n must be positive, got %d", n);
    Checks.check(
        queryOffset >= 0 && queryOffset + n <= w.length,
        "attention pattern: query rows [%d, %d) exceed the %d rows",
        queryOffset,
        queryOffset + n,
        w.length);
    Checks.check(
        keyOffset >= 0 && keyOffset + n <= w[0].length,
        "attention pattern: key columns [%d, %d) exceed the %d columns",
        keyOffset,
        keyOffset + n,
        w[0].length);
  }
}
