package org.tinyformer.nn;

import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * Layer normalisation over the last dimension (Ba et al. 2016): y = (x - mean) / sqrt(var + eps) *
 * weight + bias, with weight ones and bias zeros at the start.
 */
public final class LayerNorm extends Layer {
  /** The epsilon of GPT-2 and PyTorch's default. */
  public static final float EPS = 1e-5f;

  private final Tensor weight; // (dim)
  private final Tensor bias; // (dim), or null

  public LayerNorm(int dim, boolean bias) {
    this.weight = parameter("weight", Tensor.ones(dim));
    this.bias = bias ? parameter("bias", Tensor.zeros(dim)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functional.layerNorm(x, weight, bias, EPS); // (..., dim)
  }
}
