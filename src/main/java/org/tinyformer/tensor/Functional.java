package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.elementwise.SiluKernel;

/**
 * Neural-network functions, like {@code torch.nn.functional}; each is one autograd node over a
 * fused kernel (attention is composed of tensor operations). Usage: {@code Tensor loss =
 * Functional.crossEntropy(logits, targets, -1, Reduction.MEAN);}
 */
public final class Functional {
  private Functional() {}

  /** Rows {@code ids} of {@code weight (V, C)}, shaped {@code (idsDims..., C)}. */
  public static Tensor embedding(Tensor weight, int[] ids, int... idsDims) {
    return EmbeddingOp.embedding(weight, ids, idsDims);
  }

  public static Tensor softmax(Tensor x, int dim) {
    return SoftmaxOps.softmax(x, dim);
  }

  public static Tensor logSoftmax(Tensor x, int dim) {
    return SoftmaxOps.logSoftmax(x, dim);
  }

  /**
   * Cross-entropy of logits (..., V) against one target per row; rows whose target is {@code
   * ignoreIndex} are skipped, and MEAN averages over the others (0 when there are none).
   */
  public static Tensor crossEntropy(
      Tensor logits, int[] targets, int ignoreIndex, Reduction reduction) {
    return CrossEntropyOp.crossEntropy(logits, targets, ignoreIndex, reduction);
  }

  /** Layer norm over the last dimension; {@code bias} may be null. */
  public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
    return NormOps.layerNorm(x, weight, bias, eps);
  }

  /** RMS norm over the last dimension: {@code x / sqrt(mean(x^2) + eps) * weight}. */
  public static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
    return NormOps.rmsNorm(x, weight, eps);
  }

  /** {@code x Wᵀ + b} with W stored (out, in) as in PyTorch; {@code bias} may be null. */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return LinearOp.linear(x, weight, bias);
  }

  /**
   * As {@link #linear(Tensor, Tensor, Tensor)} with the GEMM inputs (x, W and, backward, dy)
   * rounded to bfloat16 and float32 sums: mixed-precision training.
   */
  public static Tensor linearBf16(Tensor x, Tensor weight, Tensor bias) {
    return LinearOp.linear(x, weight, bias, true);
  }

  /**
   * Inverted dropout: in training, zeroes each element with probability p (mask drawn from {@code
   * rng}) and scales the rest by 1/(1-p); otherwise (or with p = 0) returns x itself.
   */
  public static Tensor dropout(Tensor x, float p, Rng rng, boolean training) {
    Checks.check(p >= 0f && p < 1f, "dropout: p must be in [0, 1), got %s", p);
    if (!training || p == 0f) {
      return x;
    }
    float scale = 1f / (1f - p);
    float[] mask = StepArena.floats(x.numel()); // same shape as x: 0 or 1/(1-p)
    for (int i = 0; i < mask.length; i++) {
      mask[i] = rng.nextFloat() < p ? 0f : scale;
    }
    float[] xd = x.data();
    float[] o = StepArena.floats(xd.length); // same shape as x
    for (int i = 0; i < o.length; i++) {
      o[i] = xd[i] * mask[i];
    }
    Tensor out = Tensor.result("dropout", o, x.shape(), x);
    return out.onBackward(
        () -> {
          // d(x * mask)/dx = mask
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          for (int i = 0; i < dx.length; i++) {
            dx[i] += mask[i] * dOut[i];
          }
        });
  }

  /** {@code silu(a) * b}, the gated unit of SwiGLU MLPs; a and b have the same shape. */
  public static Tensor swiglu(Tensor a, Tensor b) {
    Checks.check(
        a.shape().equals(b.shape()),
        "swiglu: shapes differ: a is %s, b is %s",
        a.shape(),
        b.shape());
    int n = a.numel();
    float[] o = StepArena.floats(n); // same shape as a
    SiluKernel.swigluForward(o, a.data(), b.data(), n);
    Tensor out = Tensor.result("swiglu", o, a.shape(), a, b);
    // d/da = silu'(a) * b * dOut ; d/db = silu(a) * dOut
    return out.onBackward(
        () ->
            SiluKernel.swigluBackward(
                a.requiresGrad() ? a.gradOrZeros() : null,
                b.requiresGrad() ? b.gradOrZeros() : null,
                out.grad(),
                a.data(),
                b.data(),
                n));
  }

  /** Rotary position embedding on (..., T, HS), positions {@code positionOffset ..}. */
  public static Tensor rope(Tensor x, int positionOffset) {
    return RopeOp.rope(x, positionOffset);
  }

  /**
   * Rotary embedding of q and k inside a fused qkv (B, T, 3C) with {@code numHeads} heads per
   * block; v is passed through. Equal to rope on the (B, NH, T, HS) heads of q and k, without
   * copies.
   */
  public static Tensor ropeQk(Tensor qkv, int numHeads, int positionOffset) {
    return RopeOp.ropeQk(qkv, numHeads, positionOffset);
  }

  /**
   * Causal multi-head self-attention on qkv (B, T, 3C) -> (B, T, C); when {@code weightsOut !=
   * null}, {@code weightsOut[0]} receives the attention weights (B, NH, T, T), flattened.
   */
  public static Tensor causalSelfAttention(Tensor qkv, int numHeads, float[][] weightsOut) {
    return AttentionOps.causalSelfAttention(qkv, numHeads, weightsOut);
  }

  /**
   * General multi-head attention for encoders and decoders: q (B, Tq, C) attends to k, v (B, Tk, C)
   * and gives (B, Tq, C). {@code causal}: query i sees keys up to i + (Tk - Tq). {@code keyPadding}
   * (B, Tk), nonzero = ignore that key, may be null. {@code weightsOut[0]} receives the weights (B,
   * NH, Tq, Tk) when not null.
   */
  public static Tensor attention(
      Tensor q,
      Tensor k,
      Tensor v,
      int numHeads,
      boolean causal,
      Tensor keyPadding,
      float[][] weightsOut) {
    return AttentionOps.attention(q, k, v, numHeads, causal, keyPadding, weightsOut);
  }
}
