package org.tinyformer.kernels.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Timing and the output line of {@code KernelSpeed}: plain twin vs vector loop vs full kernel. */
public final class SpeedReport {
  private SpeedReport() {}

  /** Times the three runnables and prints one line: name, shape, milliseconds and speedups. */
  public static void report(
      String name, String shape, Runnable plain, Runnable vec, Runnable kernel) {
    double tp = best(plain);
    double tv = best(vec);
    double tk = best(kernel);
    System.out.printf(
        Locale.ROOT,
        "%s %s %.3f %.3f %.3f %.1fx %.1fx%n",
        name,
        shape,
        tp,
        tv,
        tk,
        tp / tv,
        tp / tk);
  }

  /**
   * Fastest run in milliseconds over at least 7 runs and 0.5 s, after 3 warm-up runs: on a shared,
   * oversubscribed machine the minimum is the least noisy estimate of the uncontended time.
   */
  private static double best(Runnable r) {
    for (int i = 0; i < 3; i++) {
      r.run();
    }
    List<Double> times = new ArrayList<>();
    long start = System.nanoTime();
    while (times.size() < 7 || System.nanoTime() - start < 500_000_000L) {
      long t0 = System.nanoTime();
      r.run();
      times.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(times);
    return times.get(0);
  }
}
