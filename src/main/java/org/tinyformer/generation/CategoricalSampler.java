package org.tinyformer.generation;

import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Draws a token from softmax(logits): token i with probability exp(l_i) / sum_j exp(l_j). Logits of
 * negative infinity (filtered out) are never drawn.
 */
public final class CategoricalSampler implements Sampler {
  private double[] weights = new double[0]; // exp(l_i - max), kept between calls

  @Override
  public int sample(float[] logits, Rng rng) {
    Checks.check(logits.length > 0, "categorical sampler: logits are empty");
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    Checks.check(
        max > Float.NEGATIVE_INFINITY && !Float.isNaN(max),
        "categorical sampler: no finite logit to sample from");
    if (weights.length != logits.length) {
      weights = new double[logits.length];
    }
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      weights[i] = Math.exp(logits[i] - max);
      total += weights[i];
    }
    double u = rng.nextDouble() * total;
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      cumulative += weights[i];
      last = i;
      if (u < cumulative) {
        return i;
      }
    }
    return last; // rounding left u just above the total: the last candidate
  }

  @Override
  public String toString() {
    return "categorical";
  }
}
