package org.tinyformer.kernels.gemm;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.tinyformer.kernels.runtime.Simd;

/**
 * Measures {@link GemmKernel}'s speed for {@code tinyformer selfcheck} and the GEMM comparison
 * script: the median GFLOP/s (2 M K N flops per call) over timed repetitions after a warm-up.
 * Usage: {@code GemmSpeed.medianGflops(GemmKernel.Layout.NN, 1024, 384, 1536, 0.5, 5)}.
 */
public final class GemmSpeed {
  private GemmSpeed() {}

  /**
   * Runs c = op(a) · op(b) for at least {@code minReps} repetitions and {@code seconds} of wall
   * time, after a warm-up of half as long (so the JIT has compiled the kernels), and returns the
   * median speed in GFLOP/s.
   */
  public static double medianGflops(
      GemmKernel.Layout layout, int M, int K, int N, double seconds, int minReps) {
    return medianGflops(layout, M, K, N, seconds, minReps, false);
  }

  /**
   * As above; with {@code singleThreadCpuTime} the GEMM runs on the calling thread only and is
   * timed by that thread's CPU time, which a busy machine disturbs much less than wall time.
   */
  public static double medianGflops(
      GemmKernel.Layout layout,
      int M,
      int K,
      int N,
      double seconds,
      int minReps,
      boolean singleThreadCpuTime) {
    float[] a = pattern(M * K, 1);
    float[] b = pattern(K * N, 2);
    float[] c = new float[M * N];
    boolean parallel = !singleThreadCpuTime;
    long warmUpEnd = System.nanoTime() + (long) (seconds * 0.5e9);
    for (int i = 0; i < minReps || System.nanoTime() < warmUpEnd; i++) {
      GemmKernel.run(layout, Simd.AVAILABLE, parallel, c, 0, a, 0, b, 0, M, K, N, false);
    }
    double[] times = new double[100_000];
    int reps = 0;
    long start = System.nanoTime();
    while (reps < times.length && (reps < minReps || System.nanoTime() - start < seconds * 1e9)) {
      long t0 = clock(singleThreadCpuTime);
      GemmKernel.run(layout, Simd.AVAILABLE, parallel, c, 0, a, 0, b, 0, M, K, N, false);
      times[reps++] = (clock(singleThreadCpuTime) - t0) * 1e-9;
    }
    Arrays.sort(times, 0, reps);
    return 2.0 * M * K * N / times[reps / 2] * 1e-9;
  }

  private static long clock(boolean cpuTime) {
    return cpuTime
        ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
        : System.nanoTime();
  }

  /** Deterministic values in [-0.5, 0.5): benchmark data needs no seeded Rng. */
  private static float[] pattern(int n, int salt) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = ((i * 37 + salt * 11) % 101) / 101f - 0.5f;
    }
    return x;
  }
}
