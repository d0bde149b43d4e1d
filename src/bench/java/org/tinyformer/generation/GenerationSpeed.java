package org.tinyformer.generation;

import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;

/**
 * Sampling speed at batch 1 of a freshly initialised preset, with and without the KV cache (not a
 * unit test: run its main; {@code tinyformer sample --run D --benchmark} does the same on a trained
 * run). Usage: {@code java -cp ... org.tinyformer.generation.GenerationSpeed [preset] [tokens]
 * [runs] [cache-only]}.
 */
public final class GenerationSpeed {
  private GenerationSpeed() {}

  public static void main(String[] args) {
    String preset = args.length > 0 ? args[0] : "shakespeare-char";
    int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    boolean cacheOnly = args.length > 3 && args[3].equals("cache-only");
    Gpt gpt = new Gpt(GptConfig.preset(preset), new Rng(1337));
    System.out.printf("%s: %s, JDK %s%n", preset, gpt.config(), Runtime.version());
    for (boolean cache : cacheOnly ? new boolean[] {true} : new boolean[] {true, false}) {
      int n = cache ? tokens : Math.max(1, tokens / 10);
      Sampler sampler = SamplingOptions.DEFAULT.sampler();
      System.out.println(
          SamplingBenchmark.run(gpt, new int[] {0}, cache, n, runs, 5, sampler).describe());
    }
  }
}
