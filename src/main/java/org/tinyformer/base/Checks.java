package org.tinyformer.base;

/**
 * Argument checks at public boundaries. Messages follow the project style: lowercase, the
 * operation, then expected vs actual, e.g. {@code matmul: inner dimensions differ: a is (4, 8), b
 * is (6, 3)}.
 */
public final class Checks {
  private Checks() {}

  /**
   * Throws {@link IllegalArgumentException} with the formatted message when {@code condition} is
   * false.
   */
  public static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /**
   * Throws {@link IllegalStateException} with the formatted message when {@code condition} is
   * false.
   */
  public static void checkState(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(format, args));
    }
  }

  /** Formats dimensions the way every message shows a shape: {@code (4, 8)}. */
  public static String dims(int... dims) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i]);
    }
    return sb.append(dims.length == 1 ? ",)" : ")").toString();
  }
}
