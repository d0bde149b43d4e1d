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
   * keyPadding} is (B, Tk) with 1 where a key is padding (or null); when {@code weightsOut} is not
   * null its first element receives the weights (B, NH, Tq, Tk).
   */
  public Tensor forward(Tensor x, Tensor kv, Tensor keyPadding, float[][] weightsOut) {
    Tensor q = query.forward(x); // (B, Tq, C)
    Tensor[] parts = kv.split(2, embedDim, embedDim); // 2 x (B, Tk, C)
    Tensor y =
        Functional.attention(
            q, parts[0], parts[1], numHeads, causal, keyPadding, weightsOut); // (B, Tq, C)
    return proj.forward(y); // (B, Tq, C)
  }

  /** Self-attention: queries, keys and values all from {@code x} (B, T, C). */
  public Tensor forward(Tensor x, Tensor keyPadding, float[][] weightsOut) {
    return forward(x, keysValues(x), keyPadding, weightsOut);
  }

  public boolean isCausal() {
    return causal;
  }

  public int numHeads() {
    return numHeads;
  }
}
