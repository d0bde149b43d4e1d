package org.tinyformer.generation;

/**
 * The tokens a generation produced (prompt excluded), why it stopped, and how long it took.
 *
 * @param nanos wall time of the whole call, prompt processing (and any JIT warm-up) included
 * @param tokenNanos for each new token, the wall time from the start of the call to its emission
 */
public record GenerationResult(int[] tokens, StopReason stopReason, long nanos, long[] tokenNanos) {
  /** Fewer tokens than this give no second-half figure: it would time one or two tokens. */
  private static final int STEADY_MIN_TOKENS = 8;

  /** Why generation ended. */
  public enum StopReason {
    /** The model produced the end-of-sequence token. */
    EOS,
    /** The token limit was reached. */
    MAX_TOKENS,
    /** The listener asked to stop: a stop string appeared, or the user pressed Ctrl-C. */
    STOPPED
  }

  /** New tokens per second of wall time, prompt processing and JIT warm-up included. */
  public double tokensPerSecond() {
    return nanos == 0 ? 0 : tokens.length * 1e9 / nanos;
  }

  /**
   * Tokens per second over the second half of the new tokens, without the prompt and the first part
   * of the JIT's warm-up, which dominate a short run; NaN when there are fewer than 8 tokens.
   */
  public double secondHalfTokensPerSecond() {
    int n = tokenNanos.length;
    if (n < STEADY_MIN_TOKENS) {
      return Double.NaN;
    }
    int half = n / 2;
    long span = tokenNanos[n - 1] - tokenNanos[half - 1];
    return span <= 0 ? Double.NaN : (n - half) * 1e9 / span;
  }
}
