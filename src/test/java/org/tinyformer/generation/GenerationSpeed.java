package org.tinyformer.generation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.tinyformer.base.Rng;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.gpt.GptConfig;

/**
 * Sampling speed at batch 1, with and without the KV cache (not a unit test: run its main). Usage:
 * {@code java -cp ... org.tinyformer.generation.GenerationSpeed [preset] [tokens] [repeats]
 * [cache-only]}.
 */
public final class GenerationSpeed {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private GenerationSpeed() {}

  public static void main(String[] args) {
    String preset = args.length > 0 ? args[0] : "shakespeare-char";
    int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    Gpt gpt = new Gpt(GptConfig.preset(preset), new Rng(1337));
    System.out.printf(
        "%s: %s, %d tokens per run, %d runs, JDK %s%n",
        preset, gpt.config(), tokens, repeats, Runtime.version());
    boolean cacheOnly = args.length > 3 && args[3].equals("cache-only");
    for (boolean cache : cacheOnly ? new boolean[] {true} : new boolean[] {true, false}) {
      int n = cache ? tokens : Math.max(50, tokens / 10);
      double[] rates = new double[repeats];
      double[] cpuRates = new double[repeats];
      for (int r = -2; r < repeats; r++) { // two warm-up runs
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        GenerationResult result =
            new Generator(gpt)
                .generate(
                    new int[] {0},
                    new GenerationOptions(n, -1, cache),
                    SamplingOptions.DEFAULT.sampler(),
                    new Rng(r),
                    TokenListener.NONE);
        if (r >= 0) {
          rates[r] = result.tokensPerSecond();
          cpuRates[r] = n * 1e9 / (THREADS.getCurrentThreadCpuTime() - cpu0);
        }
      }
      Arrays.sort(rates);
      Arrays.sort(cpuRates);
      System.out.printf(
          Locale.ROOT,
          "kv cache %-3s: median %,.0f tokens/s (min %,.0f, max %,.0f; per CPU-second of the"
              + " sampling thread %,.0f) over %d runs of %d tokens%n",
          cache ? "on" : "off",
          rates[repeats / 2],
          rates[0],
          rates[repeats - 1],
          cpuRates[repeats / 2],
          repeats,
          n);
    }
  }
}
