package org.tinyformer.nn;

import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales the rest by
 * 1/(1-p); in evaluation (and for p = 0) the identity. Draws from the given, usually shared, Rng.
 */
public final class Dropout extends Layer {
  private final float p;
  private final Rng rng;

  public Dropout(float p, Rng rng) {
    this.p = p;
    this.rng = rng;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (p == 0f || !isTraining()) {
      return x;
    }
    return Functional.dropout(x, p, rng, true); // same shape as x
  }
}
