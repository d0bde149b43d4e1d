package org.tinyformer.nn;

import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * Root-mean-square normalisation over the last dimension (Zhang and Sennrich 2019, used by Llama):
 * y = x / sqrt(mean(x^2) + eps) * weight. No mean subtraction, no bias.
 */
public final class RmsNorm extends Layer {
  public static final float EPS = 1e-5f;

  private final Tensor weight; // (dim)

  public RmsNorm(int dim) {
    this.weight = parameter("weight", Tensor.ones(dim));
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functional.rmsNorm(x, weight, EPS); // (..., dim)
  }
}
