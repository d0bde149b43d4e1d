package org.tinyformer.kernels;

import org.tinyformer.kernels.runtime.Parallel;

/**
 * One kernel call that {@link AllocationCheck} measures: its name, whether it uses the pool, and
 * the bytes per call it is expected to allocate (scratch arrays) on top of {@link
 * AllocationCheck#BUDGET}.
 */
record AllocationCase(String name, boolean parallel, long expected, Runnable call) {

  /** A kernel that parallelises through {@link Parallel} and allocates no scratch. */
  static AllocationCase pooled(String name, Runnable call) {
    return new AllocationCase(name, true, 0, call);
  }

  /** A single-threaded primitive (no pool column) that should allocate nothing. */
  static AllocationCase serial(String name, Runnable call) {
    return new AllocationCase(name, false, 0, call);
  }
}
