package org.tinyformer.kernels.runtime;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) is usable in this JVM, and how wide it is.
 *
 * <p>Fast kernels check {@link #AVAILABLE} once and otherwise run their plain twins, so tinyformer
 * works (slowly) without {@code --add-modules jdk.incubator.vector}; a one-line notice says so.
 */
public final class Simd {
  private Simd() {}

  /** True when the incubator module is in the boot layer, so Vector API classes can load. */
  public static final boolean AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private static boolean noticePrinted;

  /** Floats per preferred vector (16 on AVX-512), or 1 when the Vector API is not available. */
  public static int floatLanes() {
    return AVAILABLE ? VectorWidth.floatLanes() : 1;
  }

  /** A one-line description for {@code tinyformer selfcheck} and benchmark headers. */
  public static String describe() {
    return AVAILABLE
        ? "Vector API on, " + floatLanes() * 32 + "-bit vectors (" + floatLanes() + " floats)"
        : "Vector API off (plain Java kernels): add --add-modules jdk.incubator.vector";
  }

  /** Prints, once per JVM, that the plain kernels are in use. */
  public static synchronized void noticeIfUnavailable() {
    if (!AVAILABLE && !noticePrinted) {
      noticePrinted = true;
      System.err.println("notice: " + describe());
    }
  }

  /** Isolated so that Vector API classes load only when the module is present. */
  private static final class VectorWidth {
    static int floatLanes() {
      return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
    }
  }
}
