package org.tinyformer.kernels;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * A developer tool (not a test: the numbers depend on JIT timing): bytes each hot kernel allocates
 * per call in steady state, on one thread and on the pool, against {@link #BUDGET}. A Vector API
 * loop that C2 fails to intrinsify falls back to boxing vectors on the heap, which no test sees.
 * Run by {@code scripts/bench/alloc-check.sh [seconds-per-case] [name-filter]}; exits 1 over
 * budget.
 */
public final class AllocationCheck {
  private AllocationCheck() {}

  /**
   * Bytes per call a kernel may allocate beyond its declared scratch: a few lambdas and {@link
   * Parallel} jobs (about 100 bytes per pool hand-off) and the argument checks' small arrays.
   */
  static final long BUDGET = 1024;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Extra warm-up rounds before a case over its limit counts as a failure. */
  private static final int RETRIES = 2;

  /** Seconds of measured calls per mode, after the warm-up. */
  private static final double MEASURE_SECONDS = 0.2;

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.5;
    String filter = args.length > 1 ? args[1] : "";
    System.out.printf(
        "# java %s, %s, %d threads, warm-up %.1f s per case, budget %d bytes/call + scratch%n",
        Runtime.version(), Simd.describe(), Parallel.threads(), seconds, BUDGET);
    List<AllocationCase> cases = AllocationCases.all(new Rng(1));
    long[] workers = workerThreadIds();
    System.out.printf(
        "%-38s %23s %17s %10s  %s%n",
        "kernel", "bytes/call (one thread)", "bytes/call (pool)", "limit", "status");
    int failures = 0;
    for (AllocationCase c : cases) {
      if (c.name().contains(filter)) {
        failures += report(c, seconds, workers) ? 0 : 1;
      }
    }
    System.out.println(failures == 0 ? "ok" : failures + " case(s) over budget");
    System.exit(failures == 0 ? 0 : 1);
  }

  /**
   * Warms up, measures, and prints one row. Over the limit, it warms up and measures again (up to
   * {@link #RETRIES} times) before failing: on a busy machine C2 may still be compiling the case.
   */
  private static boolean report(AllocationCase c, double seconds, long[] workers) {
    long limit = BUDGET + c.expected();
    double oneThread = 0;
    double pool = 0;
    boolean ok = false;
    int round = 0;
    for (; round <= RETRIES && !ok; round++) {
      double secondsPerCall = warmUp(c, seconds);
      int reps = (int) Math.max(20, Math.min(200_000, MEASURE_SECONDS / secondsPerCall));
      oneThread = oneThread(c, reps);
      pool = c.parallel() ? pool(c, reps, workers) : Double.NaN;
      ok = oneThread <= limit && (Double.isNaN(pool) || pool <= limit);
    }
    String status = ok ? "ok" : "OVER BUDGET";
    System.out.printf(
        Locale.ROOT,
        "%-38s %23.1f %17s %10d  %s%s%n",
        c.name(),
        oneThread,
        Double.isNaN(pool) ? "-" : String.format(Locale.ROOT, "%.1f", pool),
        limit,
        status,
        round > 1 ? " (after " + round + " warm-ups)" : "");
    return ok;
  }

  /**
   * Calls the kernel in both modes, in growing batches, for {@code seconds}: long enough for C2 to
   * compile every path (after only ~20k calls some methods are still C1 code, which allocates).
   * Returns the mean seconds per call.
   */
  private static double warmUp(AllocationCase c, double seconds) {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long calls = 0;
    int batch = 1;
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      oneThread(c, batch);
      if (c.parallel()) {
        pool(c, batch, new long[0]);
      }
      calls += c.parallel() ? 2L * batch : batch;
      if (System.nanoTime() - t0 < 10_000_000L) {
        batch = Math.min(batch * 2, 1 << 16);
      }
    }
    return (System.nanoTime() - start) / 1e9 / Math.max(1, calls);
  }

  /**
   * Bytes per call with the kernel run inside a pool body, so that its own parallel loops (and
   * those it nests) run inline on that one thread.
   */
  private static double oneThread(AllocationCase c, int reps) {
    long[] bytes = new long[1];
    Parallel.forRange(
        2,
        1,
        (x, y) -> {
          if (x == 0) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < reps; i++) {
              c.call().run();
            }
            bytes[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
          }
        });
    return (double) bytes[0] / reps;
  }

  /** Bytes per call allocated by this thread and the pool's workers together. */
  private static double pool(AllocationCase c, int reps, long[] workers) {
    long before = allocated(workers);
    for (int i = 0; i < reps; i++) {
      c.call().run();
    }
    return (double) (allocated(workers) - before) / reps;
  }

  private static long allocated(long[] workers) {
    long sum = THREADS.getCurrentThreadAllocatedBytes();
    for (long id : workers) {
      sum += THREADS.getThreadAllocatedBytes(id);
    }
    return sum;
  }

  @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, the build targets 17
  private static long[] workerThreadIds() {
    Parallel.forRange(2, 1, (x, y) -> {}); // starts the pool
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("tinyformer-kernel-"))
        .mapToLong(Thread::getId)
        .toArray();
  }
}
