package org.tinyformer.data;

import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Random (B, T) windows of a token stream with targets shifted by one, as nanoGPT's {@code
 * get_batch}: each start is uniform in [0, size - T). The only state is the Rng's, so {@link
 * #state()} restores the exact data position. Usage: {@code new BlockSampler(train, 12, 64,
 * 1337).next()}.
 */
public final class BlockSampler implements BatchSource {
  private final TokenStream tokens;
  private final int batchSize;
  private final int length;
  private final Rng rng;

  /** Samples windows of {@code length} tokens from {@code tokens}, seeded by {@code seed}. */
  public BlockSampler(TokenStream tokens, int batchSize, int length, long seed) {
    Checks.check(
        batchSize > 0 && length > 0,
        "block sampler: batchSize and length must be positive, got (%d, %d)",
        batchSize,
        length);
    Checks.check(
        tokens.size() > length,
        "block sampler: need more than %d tokens for windows of %d plus a target, got %d",
        length,
        length,
        tokens.size());
    this.tokens = tokens;
    this.batchSize = batchSize;
    this.length = length;
    this.rng = new Rng(seed);
  }

  @Override
  public Batch next() {
    int T = length;
    int[] inputs = new int[batchSize * T]; // (B, T)
    int[] targets = new int[batchSize * T]; // (B, T)
    int[] window = new int[T + 1];
    long starts = tokens.size() - T;
    for (int b = 0; b < batchSize; b++) {
      long start = uniform(rng, starts);
      tokens.read(start, window, 0, T + 1);
      System.arraycopy(window, 0, inputs, b * T, T);
      System.arraycopy(window, 1, targets, b * T, T);
    }
    return new Batch(inputs, targets, batchSize, T);
  }

  @Override
  public long[] state() {
    return rng.state();
  }

  @Override
  public void restore(long[] state) {
    rng.setState(state);
  }

  /** Uniform in [0, bound) for bounds beyond int range too (rejection sampling, no bias). */
  static long uniform(Rng rng, long bound) {
    if (bound <= Integer.MAX_VALUE) {
      return rng.nextInt((int) bound);
    }
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
    long r;
    do {
      r = rng.nextLong() >>> 1;
    } while (r >= limit);
    return r % bound;
  }
}
