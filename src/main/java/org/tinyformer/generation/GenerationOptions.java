package org.tinyformer.generation;

import org.tinyformer.base.Checks;

/**
 * When generation stops and how it runs: at most {@code maxTokens} new tokens, or earlier at {@code
 * eosId} (-1 for none; the EOS token itself is not emitted); with the KV cache or, as nanoGPT does,
 * recomputing the whole window for every token.
 */
public record GenerationOptions(int maxTokens, int eosId, boolean useKvCache) {
  public GenerationOptions {
    Checks.check(maxTokens >= 0, "generation: max tokens must be >= 0, got %d", maxTokens);
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
