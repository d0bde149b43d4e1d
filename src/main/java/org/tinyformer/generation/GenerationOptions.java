package org.tinyformer.generation;

import org.tinyformer.base.Checks;

/**
 * When generation stops and how it runs: at most {@code maxTokens} new tokens, or earlier at {@code
 * eosId} (-1 for none; the EOS token itself is not emitted); with the KV cache or, as nanoGPT does,
 * recomputing the whole window for every token.
 */
public record GenerationOptions(int maxTokens, int eosId, boolean useKvCache) {
  /**
   * The most tokens one call generates: a million tokens take hours on a CPU, and the ids and text
   * they make must stay in memory; beyond it generate in several calls.
   */
  public static final int MAX_TOKENS = 1_000_000;

  public GenerationOptions {
    Checks.check(
        maxTokens >= 0 && maxTokens <= MAX_TOKENS,
        "generation: max tokens must be in 0..%,d, got %,d",
        MAX_TOKENS,
        maxTokens);
    Checks.check(eosId >= -1, "generation: eos id must be >= 0, or -1 for none, got %d", eosId);
  }

  /** {@code maxTokens} new tokens, no EOS, with the KV cache. */
  public static GenerationOptions of(int maxTokens) {
    return new GenerationOptions(maxTokens, -1, true);
  }

  public GenerationOptions withEos(int id) {
    return new GenerationOptions(maxTokens, id, useKvCache);
  }

  public GenerationOptions withKvCache(boolean on) {
    return new GenerationOptions(maxTokens, eosId, on);
  }
}
