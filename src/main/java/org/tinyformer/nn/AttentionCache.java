package org.tinyformer.nn;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.attention.DecodeAttentionKernel;
import org.tinyformer.kernels.norms.SoftmaxKernel;

/**
 * The keys and values one attention layer has seen so far, for incremental decoding: each new token
 * attends to all cached positions without recomputing them. Storage is allocated once: keys (B, NH,
 * HS, capacity rounded up to 64), transposed so that a query's scores run across positions in
 * vector lanes, and values (B, NH, capacity, HS); the products are {@link DecodeAttentionKernel}'s.
 */
public final class AttentionCache {
  private final int batchSize;
  private final int numHeads;
  private final int capacity;
  private final int headSize;

  /** Scores are computed for whole blocks of this many positions (four 512-bit vectors). */
  private static final int BLOCK = 64;

  private final int stride; // capacity rounded up to a whole block
  private final float[] keys; // (B, NH, HS, stride), transposed
  private final float[] values; // (B, NH, capacity, HS)
  private final float[] scores; // (stride), scratch
  private int length;

  public AttentionCache(int batchSize, int numHeads, int capacity, int headSize) {
    this.batchSize = batchSize;
    this.numHeads = numHeads;
    this.capacity = capacity;
    this.headSize = headSize;
    this.stride = (capacity + BLOCK - 1) / BLOCK * BLOCK;
    this.keys = new float[batchSize * numHeads * headSize * stride];
    this.values = new float[batchSize * numHeads * capacity * headSize];
    this.scores = new float[stride];
  }

  /** Number of cached positions. */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  public int batchSize() {
    return batchSize;
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
    appendAndAttend(out, qkv, T, false);
  }

  /**
   * The same, but only the last new query of each row attends: {@code out} is (B, C). For the last
   * layer of a prompt, whose other positions only leave their keys and values behind.
   */
  public void appendAndAttendLast(float[] out, float[] qkv, int T) {
    appendAndAttend(out, qkv, T, true);
  }

  private void appendAndAttend(float[] out, float[] qkv, int T, boolean lastOnly) {
    append(qkv, T);
    attendNewest(out, qkv, T, lastOnly, 0, batchSize * numHeads, scores);
  }

  /**
   * Appends the keys and values of {@code T} new positions from {@code qkv} (B, T, 3C); then {@link
   * #attendNewest} lets them attend, on one thread or shared among several by heads.
   */
  public void append(float[] qkv, int T) {
    append(qkv, 0, T);
  }

  /**
   * The same with the rows of {@code qkv} starting at {@code offset}: for a decoder that runs rows
   * of several caches through one product.
   */
  public void append(float[] qkv, int offset, int T) {
    Checks.check(
        length + T <= capacity,
        "kv cache: %d cached + %d new positions exceed the capacity %d",
        length,
        T,
        capacity);
    copyIn(qkv, offset, T);
    length += T;
  }

  /** Floats of scratch {@link #attendNewest} needs: the capacity rounded up to a whole block. */
  public int scoresSize() {
    return stride;
  }

  /**
   * Attention of the {@code T} newest positions (just appended) over the cache, for the (row, head)
   * units {@code [unit0, unit1)} of B * NH (unit = b * NH + h): out (B, T, C), or (B, C) with only
   * the last new query of each row when {@code lastOnly}. Units are independent, so threads may
   * share them, each with its own {@code scores} scratch of {@link #scoresSize()} floats.
   */
  public void attendNewest(
      float[] out, float[] qkv, int T, boolean lastOnly, int unit0, int unit1, float[] scores) {
    attendNewest(out, 0, qkv, 0, T, lastOnly, unit0, unit1, scores);
  }

  /**
   * The same with the rows of {@code out} starting at {@code outOffset} and those of {@code qkv} at
   * {@code qkvOffset}.
   */
  public void attendNewest(
      float[] out,
      int outOffset,
      float[] qkv,
      int qkvOffset,
      int T,
      boolean lastOnly,
      int unit0,
      int unit1,
      float[] scores) {
    Checks.check(T <= length, "kv cache: %d new positions but only %d cached", T, length);
    int C = numHeads * headSize;
    int first = length - T;
    float scale = (float) (1.0 / Math.sqrt(headSize));
    for (int unit = unit0; unit < unit1; unit++) {
      int b = unit / numHeads;
      int h = unit % numHeads;
      for (int t = lastOnly ? T - 1 : 0; t < T; t++) {
        int row = lastOnly ? b : b * T + t; // row of out
        int q = qkvOffset + (b * T + t) * 3 * C + h * headSize;
        attendOne(out, outOffset + row * C + h * headSize, qkv, q, unit, first + t, scale, scores);
      }
    }
  }

  /**
   * One head of one query: softmax(q . k_s * scale) over s <= position, then the weighted values.
   * Scores run over whole blocks of positions (those past {@code position} are computed from unused
   * key slots and ignored), so the products keep four independent vector accumulators.
   */
  private void attendOne(
      float[] out, int o, float[] qkv, int q, int head, int position, float scale, float[] scores) {
    int S = position + 1;
    int blocks = Math.min(stride, (S + BLOCK - 1) / BLOCK * BLOCK);
    int k = head * headSize * stride;
    DecodeAttentionKernel.scores(scores, 0, qkv, q, keys, k, stride, headSize, blocks, scale);
    SoftmaxKernel.forward(scores, scores, 1, S); // the full forward's softmax
    int v = head * capacity * headSize;
    DecodeAttentionKernel.weightedSum(out, o, scores, 0, values, v, headSize, S);
  }

  /**
   * Copies the k and v parts of qkv (B, T, 3C) from {@code offset} into the cache at positions
   * length .. length+T.
   */
  private void copyIn(float[] qkv, int offset, int T) {
    int C = numHeads * headSize;
    for (int b = 0; b < batchSize; b++) {
      for (int t = 0; t < T; t++) {
        for (int h = 0; h < numHeads; h++) {
          int src = offset + (b * T + t) * 3 * C + h * headSize;
          int k = (b * numHeads + h) * headSize * stride + length + t;
          for (int i = 0; i < headSize; i++) {
            keys[k + i * stride] = qkv[src + C + i];
          }
          int v = ((b * numHeads + h) * capacity + length + t) * headSize;
          System.arraycopy(qkv, src + 2 * C, values, v, headSize);
        }
      }
    }
  }
}
