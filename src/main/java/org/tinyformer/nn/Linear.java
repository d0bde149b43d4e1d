package org.tinyformer.nn;

import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * An affine map y = x W^T + b over the last dimension. The weight is stored (out, in), as in
 * PyTorch's {@code nn.Linear}, so checkpoints and the GPT-2 layout map one to one.
 *
 * <p>{@code Linear fc = new Linear(128, 512, true, rng, 0.02f); Tensor y = fc.forward(x);}
 */
public final class Linear extends Layer {
  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight; // (out, in)
  private final Tensor bias; // (out), or null

  /** Weight drawn from N(0, std^2), bias (when present) zeros. */
  public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng, float std) {
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = parameter("weight", Tensor.randn(rng, std, outFeatures, inFeatures));
    this.bias = bias ? parameter("bias", Tensor.zeros(outFeatures)) : null;
  }

  /** (..., in) to (..., out). */
  @Override
  public Tensor forward(Tensor x) {
    return apply(x, weight, bias); // (..., out)
  }

  /**
   * x (..., in) W^T (in, out) + b: the map of a Linear with the given weight (out, in) and bias
   * (nullable); also the GPT's tied output head.
   */
  public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
    return Functional.linear(x, weight, bias); // (..., out)
  }

  public Tensor weight() {
    return weight;
  }

  /** The bias, or null when the layer has none. */
  public Tensor bias() {
    return bias;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }
}
