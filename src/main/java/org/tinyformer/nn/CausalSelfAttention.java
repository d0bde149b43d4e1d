package org.tinyformer.nn;

import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * Multi-head causal self-attention (Vaswani et al. 2017), as in GPT-2: one {@code qkv} projection
 * (3C, C), softmax(q k^T / sqrt(HS)) with a causal mask per head, then the output projection {@code
 * proj} (C, C). Optional rotary positions on q and k. Keeps its attention weights when asked.
 */
public final class CausalSelfAttention extends Layer {
  private final int numHeads;
  private final int embedDim;
  private final boolean rotary;
  private final Linear qkv; // weight (3C, C): rows q, then k, then v; heads contiguous in each
  private final Linear proj; // weight (C, C)
  private final Dropout dropout;
  private boolean keepWeights;
  private float[] weights; // (B, NH, T, T) of the last forward when kept

  /**
   * Projections drawn from N(0, 0.02^2) for qkv and N(0, projStd^2) for proj (GPT-2 scales the
   * residual projections by 1/sqrt(2 * numLayers)).
   */
  public CausalSelfAttention(
      int embedDim,
      int numHeads,
      boolean bias,
      boolean rotary,
      float dropout,
      Rng rng,
      Rng dropoutRng,
      float projStd) {
    Checks.check(
        embedDim % numHeads == 0,
        "attention: embedDim (%d) must be divisible by numHeads (%d)",
        embedDim,
        numHeads);
    this.numHeads = numHeads;
    this.embedDim = embedDim;
    this.rotary = rotary;
    this.qkv = child("qkv", new Linear(embedDim, 3 * embedDim, bias, rng, 0.02f));
    this.proj = child("proj", new Linear(embedDim, embedDim, bias, rng, projStd));
    this.dropout = child("dropout", new Dropout(dropout, dropoutRng));
  }

  /** (B, T, C) to (B, T, C); position t attends to positions 0..t. */
  @Override
  public Tensor forward(Tensor x) {
    Tensor qkvOut = qkv.forward(x); // (B, T, 3C)
    if (rotary) {
      qkvOut = Rotary.apply(qkvOut, numHeads, 0); // (B, T, 3C)
    }
    float[][] weightsOut = keepWeights ? new float[1][] : null;
    Tensor y = Functional.causalSelfAttention(qkvOut, numHeads, weightsOut); // (B, T, C)
    weights = keepWeights ? weightsOut[0] : null;
    return dropout.forward(proj.forward(y)); // (B, T, C)
  }

  /** Whether the next forward keeps its attention weights for {@link #attentionWeights()}. */
  public void keepAttentionWeights(boolean keep) {
    this.keepWeights = keep;
  }

  /** The attention weights (B, NH, T, T) of the last forward, or null when not kept. */
  public float[] attentionWeights() {
    return weights;
  }

  public int numHeads() {
    return numHeads;
  }

  public Linear qkv() {
    return qkv;
  }

  public Linear proj() {
    return proj;
  }
}
