package org.tinyformer.nn;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.DecodeAttention;

/**
 * The keys and values one attention layer has seen so far, for incremental decoding: each new token
 * attends to all cached positions without recomputing them. Storage is allocated once, (B, NH,
 * capacity, HS) each for keys and values.
 */
public final class AttentionCache {
  private final int batchSize;
  private final int numHeads;
  private final int capacity;
  private final int headSize;
  private final float[] keys; // (B, NH, HS, capacity), transposed
  private final float[] values; // (B, NH, capacity, HS)
  private final float[] scores; // (capacity), scratch
  private int length;

  public AttentionCache(int batchSize, int numHeads, int capacity, int headSize) {
    this.batchSize = batchSize;
    this.numHeads = numHeads;
    this.capacity = capacity;
    this.headSize = headSize;
    this.keys = new float[batchSize * numHeads * headSize * capacity];
    this.values = new float[batchSize * numHeads * capacity * headSize];
    this.scores = new float[capacity];
  }

  /** Number of cached positions. */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  /** Forgets every position (the storage is kept). */
  public void clear() {
    length = 0;
  }

  /**
   * Appends the keys and values of {@code T} new positions, then writes into {@code out} (B, T, C)
   * each new query's attention over all cached positions up to and including its own (causal).
   * {@code qkv} is (B, T, 3C) with q, k, v side by side and heads contiguous within each.
   */
  public void appendAndAttend(float[] out, float[] qkv, int T) {
    Checks.check(
        length + T <= capacity,
        "kv cache: %d cached + %d new positions exceed the capacity %d",
        length,
        T,
        capacity);
    append(qkv, T);
    int C = numHeads * headSize;
    float scale = (float) (1.0 / Math.sqrt(headSize));
    for (int b = 0; b < batchSize; b++) {
      for (int t = 0; t < T; t++) {
        int position = length + t;
        for (int h = 0; h < numHeads; h++) {
          int q = (b * T + t) * 3 * C + h * headSize;
          int o = (b * T + t) * C + h * headSize;
          attendOne(out, o, qkv, q, (b * numHeads + h) * capacity * headSize, position, scale);
        }
      }
    }
    length += T;
  }

  /**
   * One head of one query: softmax(q . k_s * scale) over s <= position, then the weighted values.
   * {@code base} is the head's first float in keys and in values.
   */
  private void attendOne(
      float[] out, int o, float[] qkv, int q, int base, int position, float scale) {
    int S = position + 1;
    DecodeAttention.scores(scores, 0, qkv, q, keys, base, capacity, headSize, S, scale);
    float max = Float.NEGATIVE_INFINITY;
    for (int s = 0; s < S; s++) {
      max = Math.max(max, scores[s]);
    }
    float sum = 0;
    for (int s = 0; s < S; s++) {
      scores[s] = (float) Math.exp(scores[s] - max);
      sum += scores[s];
    }
    float inverse = 1f / sum;
    for (int s = 0; s < S; s++) {
      scores[s] *= inverse;
    }
    DecodeAttention.weightedSum(out, o, scores, 0, values, base, headSize, S);
  }

  /** Copies the k and v parts of qkv (B, T, 3C) into the cache at positions length .. length+T. */
  private void append(float[] qkv, int T) {
    int C = numHeads * headSize;
    for (int b = 0; b < batchSize; b++) {
      for (int t = 0; t < T; t++) {
        for (int h = 0; h < numHeads; h++) {
          int src = (b * T + t) * 3 * C + h * headSize;
          int head = (b * numHeads + h) * capacity * headSize;
          for (int i = 0; i < headSize; i++) {
            keys[head + i * capacity + length + t] = qkv[src + C + i];
          }
          System.arraycopy(qkv, src + 2 * C, values, head + (length + t) * headSize, headSize);
        }
      }
    }
  }
}
