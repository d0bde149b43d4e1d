package org.tinyformer.kernels.runtime;

/**
 * Argument checks for the public kernel entry points (kernels may not import {@code base}).
 * Messages follow the project style: {@code layerNorm: inp needs 24 floats for (2, 3, 4), array has
 * 20}. Arrays may be longer than needed, so buffers can be reused across shapes.
 */
public final class KernelArgs {
  private KernelArgs() {}

  /** Throws {@link IllegalArgumentException} with the formatted message unless {@code ok}. */
  public static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /** Every dimension must be positive. {@code names} is like {@code "B, T, C"}. */
  public static void positive(String op, String names, int... dims) {
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            String.format("%s: dimensions %s must be positive, got %s", op, names, dims(dims)));
      }
    }
  }

  /** {@code x} must hold the {@code shape}'s element count. */
  public static void floats(String op, String name, float[] x, int... shape) {
    long need = count(shape);
    if (x == null) {
      throw new IllegalArgumentException(op + ": " + name + " is null");
    }
    if (x.length < need) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s needs %d floats for %s, array has %d",
              op, name, need, dims(shape), x.length));
    }
  }

  /**
   * Each (name, array) pair must hold the shape's element count: {@code "inp", inp, "out", out}.
   */
  public static void allFloats(String op, int[] shape, Object... namesAndArrays) {
    for (int i = 0; i < namesAndArrays.length; i += 2) {
      floats(op, (String) namesAndArrays[i], (float[]) namesAndArrays[i + 1], shape);
    }
  }

  /** Like {@link #floats} but {@code null} is allowed (an optional input or gradient). */
  public static void optionalFloats(String op, String name, float[] x, int... shape) {
    if (x != null) {
      floats(op, name, x, shape);
    }
  }

  /** {@code x} must hold the {@code shape}'s element count. */
  public static void ints(String op, String name, int[] x, int... shape) {
    long need = count(shape);
    if (x == null) {
      throw new IllegalArgumentException(op + ": " + name + " is null");
    }
    if (x.length < need) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s needs %d ints for %s, array has %d", op, name, need, dims(shape), x.length));
    }
  }

  private static long count(int... shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** Formats dimensions the way every message shows a shape: {@code (4, 8)}. */
  public static String dims(int... dims) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? ", " : "").append(dims[i]);
    }
    return sb.append(dims.length == 1 ? ",)" : ")").toString();
  }
}
