package org.tinyformer.archfixture.second;

import org.tinyformer.archfixture.first.First;

/** The other half of the deliberate package cycle for ArchitectureTest. */
public final class Second {
  private Second() {}

  /** Depends back on the first package. */
  public static int back() {
    return 1;
  }

  /** Closes the cycle. */
  public static int forth() {
    return First.next();
  }
}
