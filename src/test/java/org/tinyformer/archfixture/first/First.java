package org.tinyformer.archfixture.first;

import org.tinyformer.archfixture.second.Second;

/** Half of a deliberate package cycle (first -> second -> first) for ArchitectureTest. */
public final class First {
  private First() {}

  /** Depends on the other package. */
  public static int next() {
    return Second.back() + 1;
  }
}
