package org.tinyformer.generation;

/**
 * The tokens a generation produced (prompt excluded), why it stopped, and how long it took.
 *
 * @param nanos wall time of the whole call, prompt processing included
 */
public record GenerationResult(int[] tokens, StopReason stopReason, long nanos) {
  /** Why generation ended. */
  public enum StopReason {
    /** The model produced the end-of-sequence token. */
    EOS,
    /** The token limit was reached. */
    MAX_TOKENS
  }

  /** New tokens per second of wall time. */
  public double tokensPerSecond() {
    return nanos == 0 ? 0 : tokens.length * 1e9 / nanos;
  }
}
