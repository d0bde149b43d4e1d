package org.tinyformer.generation;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.models.LanguageModel;

/**
 * Sampling speed at batch 1 in the steady state: warm-up generations for at least {@code
 * warmUpSeconds} (and two runs), longer while the JIT is still compiling (up to four times that),
 * then {@code runs} timed ones of a fixed number of tokens (no EOS stop), each from the same prompt
 * and seed. Reports the median tokens per second of wall time and per CPU second of the sampling
 * thread, which a busy machine disturbs less, and how long the JIT compiled during the timed runs
 * (0 in the steady state). Usage: {@code SamplingBenchmark.run(model, prompt, true, 2000, 5, 5,
 * sampler).describe()}.
 */
public final class SamplingBenchmark {
  private static final int MIN_WARM_UP_RUNS = 2;

  /** The warm-up goes on while the JIT compiles, up to this many times the asked seconds. */
  private static final int MAX_WARM_UP_FACTOR = 4;

  private SamplingBenchmark() {}

  /**
   * Medians, minimum and maximum over the timed runs; the warm-up's runs and seconds, and the
   * milliseconds the JIT compiled during the timed runs (-1 when the JVM does not say).
   */
  public record Result(
      boolean kvCache,
      int tokens,
      int runs,
      double median,
      double min,
      double max,
      double cpu,
      int warmUpRuns,
      double warmUpSeconds,
      long jitMillis) {
    /**
     * One line: {@code kv cache on : median 12,345 tokens/s (min ..., max ...; ...) over 5 runs of
     * 2000 tokens after 12 warm-up runs (5.1 s; JIT 0 ms in the timed runs)}; speeds below 100
     * tokens/s keep one decimal (a large model decodes tens of tokens per second).
     */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "kv cache %-3s: median %s tokens/s (min %s, max %s; %s per CPU second of"
              + " the sampling thread) over %d runs of %d tokens after %d warm-up runs (%.1f s;"
              + " JIT %s in the timed runs)",
          kvCache ? "on" : "off",
          speed(median),
          speed(min),
          speed(max),
          speed(cpu),
          runs,
          tokens,
          warmUpRuns,
          warmUpSeconds,
          jitMillis < 0 ? "time unknown" : jitMillis + " ms");
    }

    private static String speed(double tokensPerSecond) {
      return String.format(Locale.ROOT, tokensPerSecond < 100 ? "%,.1f" : "%,.0f", tokensPerSecond);
    }
  }

  /**
   * Times {@code runs} generations of {@code tokens} tokens after {@code prompt}, once warmed up
   * for {@code warmUpSeconds} (0: the two warm-up runs only).
   */
  public static Result run(
      LanguageModel model,
      int[] prompt,
      boolean kvCache,
      int tokens,
      int runs,
      double warmUpSeconds,
      Sampler sampler) {
    Checks.check(tokens > 0, "sampling benchmark: tokens must be positive, got %d", tokens);
    Checks.check(runs > 0, "sampling benchmark: runs must be positive, got %d", runs);
    Checks.check(
        warmUpSeconds >= 0 && Double.isFinite(warmUpSeconds),
        "sampling benchmark: warm-up seconds must be >= 0, got %s",
        warmUpSeconds);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean jitTime = jit != null && jit.isCompilationTimeMonitoringSupported();
    var options = new GenerationOptions(tokens, -1, kvCache);
    long minNanos = (long) (warmUpSeconds * 1e9);
    long start = System.nanoTime();
    int warmUpRuns = 0;
    while (true) {
      long jit0 = jitTime ? jit.getTotalCompilationTime() : 0;
      generate(model, prompt, options, sampler);
      warmUpRuns++;
      long elapsed = System.nanoTime() - start;
      boolean compiled = jitTime && jit.getTotalCompilationTime() > jit0;
      if (warmUpRuns >= MIN_WARM_UP_RUNS
          && elapsed >= minNanos
          && (!compiled || elapsed >= MAX_WARM_UP_FACTOR * minNanos)) {
        break;
      }
    }
    double warmUp = (System.nanoTime() - start) / 1e9;
    long jitStart = jitTime ? jit.getTotalCompilationTime() : 0;
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      long cpu0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
      GenerationResult result = generate(model, prompt, options, sampler);
      long cpuNanos = cpuTime ? threads.getCurrentThreadCpuTime() - cpu0 : 0;
      wall[r] = result.tokensPerSecond();
      cpu[r] = cpuNanos > 0 ? tokens * 1e9 / cpuNanos : Double.NaN;
    }
    long jitMillis = jitTime ? jit.getTotalCompilationTime() - jitStart : -1;
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Result(
        kvCache,
        tokens,
        runs,
        wall[runs / 2],
        wall[0],
        wall[runs - 1],
        cpu[runs / 2],
        warmUpRuns,
        warmUp,
        jitMillis);
  }

  private static GenerationResult generate(
      LanguageModel model, int[] prompt, GenerationOptions options, Sampler sampler) {
    return new Generator(model)
        .generate(prompt, options, sampler, new Rng(1337), TokenListener.NONE);
  }
}
