package org.tinyformer.models.encdec;

import org.tinyformer.base.Rng;
import org.tinyformer.nn.Linear;
import org.tinyformer.nn.Module;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * Multi-head attention whose queries come from one sequence and keys and values from another (or
 * the same): encoder self-attention, decoder causal self-attention and cross-attention. Keys and
 * values are projected by {@link #keysValues}, so a decoder can cache them for the encoder output.
 */
public final class MultiHeadAttention extends Module {
  private final int numHeads;
  private final int embedDim;
  private final boolean causal;
  private final Linear query; // (C, C)
  private final Linear keyValue; // (2C, C)
  private final Linear proj; // (C, C)
  private boolean keepWeights;
  private float[] weights; // (B, NH, Tq, Tk) of the last forward when kept

  /** {@code residualStd} initialises the output projection (GPT-2 scales it by 1/sqrt(2L)). */
  public MultiHeadAttention(
      int embedDim, int numHeads, boolean causal, Rng rng, float std, float residualStd) {
    this.numHeads = numHeads;
    this.embedDim = embedDim;
    this.causal = causal;
    this.query = child("query", new Linear(embedDim, embedDim, true, rng, std));
    this.keyValue = child("key_value", new Linear(embedDim, 2 * embedDim, true, rng, std));
    this.proj = child("proj", new Linear(embedDim, embedDim, true, rng, residualStd));
  }

  /** The projected keys and values of {@code source} (B, Tk, C), side by side: (B, Tk, 2C). */
  public Tensor keysValues(Tensor source) {
    return keyValue.forward(source); // (B, Tk, 2C)
  }

  /**
   * Attention of {@code x} (B, Tq, C) over projected keys/values {@code kv} (B, Tk, 2C). {@code
   * keyPadding} is (B, Tk) with 1 where a key is padding (or null).
   */
  public Tensor forward(Tensor x, Tensor kv, Tensor keyPadding) {
    Tensor q = query.forward(x); // (B, Tq, C)
    Tensor[] parts = kv.split(2, embedDim, embedDim); // 2 x (B, Tk, C)
    float[][] weightsOut = keepWeights ? new float[1][] : null;
    Tensor y =
        Functional.attention(
            q, parts[0], parts[1], numHeads, causal, keyPadding, weightsOut); // (B, Tq, C)
    weights = keepWeights ? weightsOut[0] : null;
    return proj.forward(y); // (B, Tq, C)
  }

  /** Self-attention: queries, keys and values all from {@code x} (B, T, C). */
  public Tensor forward(Tensor x, Tensor keyPadding) {
    return forward(x, keysValues(x), keyPadding);
  }

  /** Whether the next forward keeps its attention weights for {@link #attentionWeights()}. */
  public void keepAttentionWeights(boolean keep) {
    this.keepWeights = keep;
  }

  /** The attention weights (B, NH, Tq, Tk) of the last forward, or null when not kept. */
  public float[] attentionWeights() {
    return weights;
  }

  public boolean isCausal() {
    return causal;
  }

  public int numHeads() {
    return numHeads;
  }
}
