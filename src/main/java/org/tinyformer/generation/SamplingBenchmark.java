package org.tinyformer.generation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.models.LanguageModel;

/**
 * Sampling speed at batch 1: two warm-up generations, then {@code runs} timed ones of a fixed
 * number of tokens (no EOS stop), each from the same prompt and seed. Reports the median tokens per
 * second of wall time and per CPU second of the sampling thread, which a busy machine disturbs
 * less. Usage: {@code SamplingBenchmark.run(model, prompt, true, 2000, 5, sampler).describe()}.
 */
public final class SamplingBenchmark {
  private static final int WARM_UP_RUNS = 2;

  private SamplingBenchmark() {}

  /** Medians, minimum and maximum over the timed runs. */
  public record Result(
      boolean kvCache, int tokens, int runs, double median, double min, double max, double cpu) {
    /**
     * One line: {@code kv cache on : median 12,345 tokens/s (min ..., max ...; ...)}; speeds below
     * 100 tokens/s keep one decimal (a large model decodes tens of tokens per second).
     */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "kv cache %-3s: median %s tokens/s (min %s, max %s; %s per CPU second of"
              + " the sampling thread) over %d runs of %d tokens",
          kvCache ? "on" : "off",
          speed(median),
          speed(min),
          speed(max),
          speed(cpu),
          runs,
          tokens);
    }

    private static String speed(double tokensPerSecond) {
      return String.format(Locale.ROOT, tokensPerSecond < 100 ? "%,.1f" : "%,.0f", tokensPerSecond);
    }
  }

  /** Times {@code runs} generations of {@code tokens} tokens after {@code prompt}. */
  public static Result run(
      LanguageModel model, int[] prompt, boolean kvCache, int tokens, int runs, Sampler sampler) {
    Checks.check(tokens > 0, "sampling benchmark: tokens must be positive, got %d", tokens);
    Checks.check(runs > 0, "sampling benchmark: runs must be positive, got %d", runs);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    var options = new GenerationOptions(tokens, -1, kvCache);
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int r = -WARM_UP_RUNS; r < runs; r++) {
      long cpu0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
      GenerationResult result =
          new Generator(model)
              .generate(prompt, options, sampler, new Rng(1337), TokenListener.NONE);
      long cpuNanos = cpuTime ? threads.getCurrentThreadCpuTime() - cpu0 : 0;
      if (r >= 0) {
        wall[r] = result.tokensPerSecond();
        cpu[r] = cpuNanos > 0 ? tokens * 1e9 / cpuNanos : Double.NaN;
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Result(
        kvCache, tokens, runs, wall[runs / 2], wall[0], wall[runs - 1], cpu[runs / 2]);
  }
}
