package org.tinyformer.generation;

import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/** Always the most likely token (argmax; the lowest id wins ties); ignores the generator. */
public final class GreedySampler implements Sampler {
  @Override
  public int sample(float[] logits, Rng rng) {
    Checks.check(logits.length > 0, "greedy sampler: logits are empty");
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "greedy";
  }
}
