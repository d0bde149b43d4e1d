package org.tinyformer.nn;

import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.gemm.GemvKernel;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * An affine map y = x W^T + b over the last dimension. The weight is stored (out, in), as in
 * PyTorch's {@code nn.Linear}, so checkpoints and the GPT-2 layout map one to one.
 *
 * <p>{@code Linear fc = new Linear(128, 512, true, rng, 0.02f); Tensor y = fc.forward(x);}
 */
public final class Linear extends Layer {
  /** Without gradients, at most this many rows go through {@link GemvKernel} instead of a GEMM. */
  static final int GEMV_MAX_ROWS = 4;

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
    return apply(x, weight, bias, bf16Matmuls()); // (..., out)
  }

  /**
   * x (..., in) W^T (in, out) + b: the map of a Linear with the given weight (out, in) and bias
   * (nullable); also the GPT's tied output head.
   */
  public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
    return apply(x, weight, bias, false);
  }

  /** As above; with {@code bf16} the GEMM inputs are rounded to bfloat16 (mixed precision). */
  public static Tensor apply(Tensor x, Tensor weight, Tensor bias, boolean bf16) {
    if (bf16) {
      return Functional.linearBf16(x, weight, bias); // (..., out)
    }
    int in = weight.size(1);
    int rows = x.numel() / Math.max(1, in);
    if (GradMode.isEnabled() || rows > GEMV_MAX_ROWS || x.size(-1) != in) {
      return Functional.linear(x, weight, bias); // (..., out)
    }
    // decoding a token or a few: dot products beat a GEMM that packs all of W for one row
    int out = weight.size(0);
    float[] y = new float[rows * out]; // (..., out)
    GemvKernel.forward(
        y, x.data(), weight.data(), bias == null ? null : bias.data(), rows, in, out);
    int[] dims = x.dims();
    dims[dims.length - 1] = out;
    return Tensor.of(y, dims); // (..., out)
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
