package org.tinyformer.training;

/**
 * Training time: wall-clock seconds since the run began (carried over a resume), and time spent in
 * steps only (evaluation and checkpoints excluded), which tokens/s and the ETA are based on. The
 * ETA uses the mean of the last {@value #WINDOW} steps after the first {@value #WARM_UP} of a
 * session: the first steps run while the JIT compiles the kernels and can be ten times slower, and
 * a mean from the start once predicted 19m37s for a 3-minute run.
 */
final class Clock {
  static final int WARM_UP = 10;
  static final int WINDOW = 50;
  private final double carried; // seconds from earlier sessions
  private final long start = System.nanoTime();
  private final long sessionStartTokens;
  private long stepNanos; // time inside steps, this session
  private long stepStart;
  private int stepsTimed;
  private long markTokens;
  private long markNanos;
  private final long[] recent = new long[WINDOW]; // durations of the last steps after warm-up
  private int recentCount;
  private long recentSum;

  Clock(double carriedSeconds, long tokensAtStart) {
    this.carried = carriedSeconds;
    this.sessionStartTokens = tokensAtStart;
    this.markTokens = tokensAtStart;
  }

  void startStep() {
    stepStart = System.nanoTime();
  }

  void stopStep() {
    recordStep(System.nanoTime() - stepStart);
  }

  /** Adds one step that took {@code nanos}. */
  void recordStep(long nanos) {
    stepNanos += nanos;
    stepsTimed++;
    if (stepsTimed > WARM_UP) {
      int slot = recentCount % WINDOW;
      recentSum += nanos - (recentCount >= WINDOW ? recent[slot] : 0);
      recent[slot] = nanos;
      recentCount++;
    }
  }

  /** Seconds of training so far, across sessions. */
  double elapsed() {
    return carried + (System.nanoTime() - start) / 1e9;
  }

  /**
   * Mean seconds per step over the last {@value #WINDOW} steps after the warm-up; NaN (shown as
   * "?") during the warm-up.
   */
  double secondsPerStep() {
    int n = Math.min(recentCount, WINDOW);
    return n == 0 ? Double.NaN : recentSum / 1e9 / n;
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
