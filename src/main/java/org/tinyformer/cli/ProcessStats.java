package org.tinyformer.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * What the tokenizer commands report about their own process: CPU time (on a shared machine the
 * honest measure of work, where wall time also counts waiting) and peak heap use.
 */
final class ProcessStats {
  private ProcessStats() {}

  /** CPU time of the whole JVM so far, or 0 when the platform does not tell. */
  static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /** Starts a new peak-heap measurement. */
  static void resetPeakHeap() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The largest heap use since {@link #resetPeakHeap}, summed over the heap pools. */
  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
