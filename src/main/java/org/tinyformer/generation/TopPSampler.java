package org.tinyformer.generation;

import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Nucleus sampling (Holtzman et al. 2019): keeps the smallest set of most likely tokens whose
 * probabilities sum to at least {@code p}, sets the rest to negative infinity, and lets the wrapped
 * sampler choose among them.
 */
public final class TopPSampler implements Sampler {
  private final float p;
  private final Sampler next;
  private float[] filtered = new float[0];
  private long[] order = new long[0]; // (probability bits << 32 | id), sorted ascending

  /** Keeps the nucleus of mass {@code p} in (0, 1] and passes it to {@code next}. */
  public TopPSampler(float p, Sampler next) {
    Checks.check(p > 0f && p <= 1f, "top-p sampler: p must be in (0, 1], got %s", p);
    this.p = p;
    this.next = next;
  }

  @Override
  public int sample(float[] logits, Rng rng) {
    if (p >= 1f) {
      return next.sample(logits, rng);
    }
    int n = logits.length;
    if (filtered.length != n) {
      filtered = new float[n];
      order = new long[n];
    }
    double total = softmaxInto(filtered, logits);
    for (int i = 0; i < n; i++) {
      // non-negative floats order like their bits; the complemented id puts lower ids first on ties
      long bits = Float.floatToIntBits((float) (filtered[i] / total));
      order[i] = bits << 32 | (~i & 0xFFFFFFFFL);
    }
    Arrays.sort(order);
    Arrays.fill(filtered, Float.NEGATIVE_INFINITY);
    double mass = 0;
    for (int j = n - 1; j >= 0 && mass < p; j--) {
      int id = (int) ~order[j];
      filtered[id] = logits[id];
      mass += Float.intBitsToFloat((int) (order[j] >>> 32));
    }
    return next.sample(filtered, rng);
  }

  /** Writes unnormalised exp(l - max) into {@code out} and returns their sum. */
  private static double softmaxInto(float[] out, float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      out[i] = (float) Math.exp(logits[i] - max);
      total += out[i];
    }
    return total;
  }

  @Override
  public String toString() {
    return "top-p " + p + " -> " + next;
  }
}
