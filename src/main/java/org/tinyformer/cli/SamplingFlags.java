package org.tinyformer.cli;

import org.tinyformer.generation.SamplingOptions;
import picocli.CommandLine.Option;

/**
 * The sampling options of the generating commands ({@code sample}, {@code chat}): {@code
 * --temperature}, {@code --top-k}, {@code --top-p}, {@code --seed} and {@code --max-tokens}. A
 * picocli mixin whose defaults each command sets: {@code @Mixin SamplingFlags sampling = new
 * SamplingFlags(0.8f, 200);}.
 */
final class SamplingFlags {
  @Option(
      names = "--temperature",
      description = "Sampling temperature; 0 = greedy (default ${DEFAULT-VALUE}).")
  float temperature;

  @Option(
      names = "--top-k",
      description = "Sample among the K most likely tokens; 0 = off (default ${DEFAULT-VALUE}).")
  int topK = 0;

  @Option(
      names = "--top-p",
      description = "Nucleus sampling with mass P; 1 = off (default ${DEFAULT-VALUE}).")
  float topP = 1f;

  @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 1337;

  @Option(
      names = "--max-tokens",
      description = "New tokens to generate, per reply in chat (default ${DEFAULT-VALUE}).")
  int maxTokens;

  /** Picocli's instance (sample's defaults). */
  SamplingFlags() {
    this(1f, 500);
  }

  /** A command's own defaults. */
  SamplingFlags(float temperature, int maxTokens) {
    this.temperature = temperature;
    this.maxTokens = maxTokens;
  }

  /** The temperature, top-k and top-p, validated. */
  SamplingOptions options() {
    return new SamplingOptions(temperature, topK, topP);
  }
}
