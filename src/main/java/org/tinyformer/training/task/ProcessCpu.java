package org.tinyformer.training.task;

import java.lang.management.ManagementFactory;

/**
 * CPU time of the whole process (all threads), so a training time measured on a busy machine can be
 * read next to its wall-clock time; -1 when the JVM does not report it.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
