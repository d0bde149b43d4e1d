package org.tinyformer.models;

import org.tinyformer.nn.KvCache;

/**
 * A language model that decodes incrementally with a key/value cache: feed the prompt once, then
 * one token at a time, each step costing one position instead of the whole context.
 *
 * <p>{@code KvCache c = m.newCache(1); float[] next = m.decodeLast(prompt, 1, prompt.length, c);}
 */
public interface IncrementalDecoder {
  /** An empty cache for {@code batchSize} rows, holding up to the context length. */
  KvCache newCache(int batchSize);

  /**
   * Logits (B, T, V) of {@code T} new positions per row that follow the cached ones; their keys and
   * values are appended to the cache. No gradients, dropout off.
   */
  float[] decode(int[] ids, int B, int T, KvCache cache);

  /** As {@link #decode} but only the logits of the last new position of each row: (B, V). */
  float[] decodeLast(int[] ids, int B, int T, KvCache cache);

  /**
   * Logits (V) of one new token {@code id} at batch 1 after the positions of {@code cache}, its
   * keys and values appended to {@code cache} and also, as the next position of {@code next}, to
   * {@code next} (no logits for that one): a generator fills the cache of the window after its next
   * context shift this way. The bits of {@code decodeLast} on each cache; this default makes those
   * two calls, a model that reads its weights once for both rows says so in {@link
   * #decodesAlongCheaply}.
   */
  default float[] decodeLastAlong(int id, KvCache cache, KvCache next) {
    int[] one = {id};
    decodeLast(one, 1, 1, next);
    return decodeLast(one, 1, 1, cache);
  }

  /**
   * Whether {@link #decodeLastAlong} costs about one position (the weights read once for both rows)
   * and gives exactly the bits of separate calls.
   */
  default boolean decodesAlongCheaply() {
    return false;
  }

  /**
   * Asks decoding to read its weights as bfloat16 (half the memory traffic, f32 accumulation), or
   * f32 again; returns whether this model honours the request.
   */
  default boolean useBf16Weights(boolean on) {
    return !on;
  }
}
