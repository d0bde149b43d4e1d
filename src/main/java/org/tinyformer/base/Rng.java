package org.tinyformer.base;

/**
 * A seeded, reproducible random number generator (xoshiro256**, seeded through SplitMix64).
 *
 * <p>All randomness in tinyformer comes from an explicit {@code Rng}: weight initialisation,
 * dropout, batch sampling and token sampling. Its whole state is four longs, so a checkpoint can
 * save it and an exact resume can restore it: {@code Rng rng = new Rng(1337); float x =
 * rng.nextGaussian();}
 */
public final class Rng {
  private long s0;
  private long s1;
  private long s2;
  private long s3;

  /** A generator whose sequence is fully determined by {@code seed}. */
  public Rng(long seed) {
    long x = seed;
    s0 = splitMix(x += 0x9E3779B97F4A7C15L);
    s1 = splitMix(x += 0x9E3779B97F4A7C15L);
    s2 = splitMix(x += 0x9E3779B97F4A7C15L);
    s3 = splitMix(x + 0x9E3779B97F4A7C15L);
  }

  private static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    Checks.check(bound > 0, "rng: bound must be positive, got %d", bound);
    long r = (nextLong() >>> 33) * bound;
    return (int) (r >>> 31);
  }

  /** Uniform in [0, 1) with 24 random bits (every value exactly representable as a float). */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * Standard normal by the Box-Muller transform (one value per call, so the state stays four
   * longs).
   */
  public float nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
    double u2 = nextDouble();
    return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
  }

  /**
   * A new generator for a sub-task, derived from this one's next output (this one advances once).
   */
  public Rng fork() {
    return new Rng(nextLong());
  }

  /** The whole state, for checkpoints. */
  public long[] state() {
    return new long[] {s0, s1, s2, s3};
  }

  /** Restores a state obtained from {@link #state()}. */
  public void setState(long[] state) {
    Checks.check(state.length == 4, "rng: state must have 4 longs, got %d", state.length);
    Checks.check(
        (state[0] | state[1] | state[2] | state[3]) != 0,
        "rng: an all-zero state is degenerate (xoshiro256 would return 0 forever)");
    s0 = state[0];
    s1 = state[1];
    s2 = state[2];
    s3 = state[3];
  }
}
