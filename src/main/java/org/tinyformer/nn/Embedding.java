package org.tinyformer.nn;

import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * A lookup table: row {@code id} of a (num, dim) weight for each id. The GPT's token embedding
 * ({@code wte}) doubles as its output projection (tied weights).
 */
public final class Embedding extends Module {
  private final Tensor weight; // (num, dim)

  /** Rows drawn from N(0, std^2). */
  public Embedding(int num, int dim, Rng rng, float std) {
    this.weight = parameter("weight", Tensor.randn(rng, std, num, dim));
  }

  /** The rows of {@code ids}, shaped (idsDims..., dim). */
  public Tensor forward(int[] ids, int... idsDims) {
    return Functional.embedding(weight, ids, idsDims); // (idsDims..., dim)
  }

  public Tensor weight() {
    return weight;
  }

  public int num() {
    return weight.size(0);
  }

  public int dim() {
    return weight.size(1);
  }
}
