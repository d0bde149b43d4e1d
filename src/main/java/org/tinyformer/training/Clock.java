package org.tinyformer.training;

/**
 * Training time: wall-clock seconds since the run began (carried over a resume), and time spent in
 * steps only (evaluation and checkpoints excluded), which tokens/s and the ETA are based on.
 */
final class Clock {
  private final double carried; // seconds from earlier sessions
  private final long start = System.nanoTime();
  private final long sessionStartTokens;
  private long stepNanos; // time inside steps, this session
  private long stepStart;
  private int stepsTimed;
  private long markTokens;
  private long markNanos;

  Clock(double carriedSeconds, long tokensAtStart) {
    this.carried = carriedSeconds;
    this.sessionStartTokens = tokensAtStart;
    this.markTokens = tokensAtStart;
  }

  void startStep() {
    stepStart = System.nanoTime();
  }

  void stopStep() {
    stepNanos += System.nanoTime() - stepStart;
    stepsTimed++;
  }

  /** Seconds of training so far, across sessions. */
  double elapsed() {
    return carried + (System.nanoTime() - start) / 1e9;
  }

  /** Mean seconds per step in this session. */
  double secondsPerStep() {
    return stepsTimed == 0 ? Double.NaN : stepNanos / 1e9 / stepsTimed;
  }

  /**
   * Tokens per second of step time since the previous call; {@code tokens} is the running total.
   */
  double tokensPerSecond(long tokens) {
    double rate = (tokens - markTokens) / ((stepNanos - markNanos) / 1e9);
    markTokens = tokens;
    markNanos = stepNanos;
    return rate;
  }

  /** Tokens per second over every step of this session. */
  double tokensPerSecondOverall(long tokens) {
    return (tokens - sessionStartTokens) / (stepNanos / 1e9);
  }
}
