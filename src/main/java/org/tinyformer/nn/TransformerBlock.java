package org.tinyformer.nn;

import org.tinyformer.tensor.Tensor;

/**
 * A pre-norm transformer block (GPT-2): two residual lines, attention then MLP. The norms and the
 * MLP are chosen by the caller (LayerNorm or RMSNorm; GELU or SwiGLU).
 */
public final class TransformerBlock extends Layer {
  private final Layer ln1;
  private final CausalSelfAttention attn;
  private final Layer ln2;
  private final Layer mlp;

  public TransformerBlock(Layer ln1, CausalSelfAttention attn, Layer ln2, Layer mlp) {
    this.ln1 = child("ln1", ln1);
    this.attn = child("attn", attn);
    this.ln2 = child("ln2", ln2);
    this.mlp = child("mlp", mlp);
  }

  /** (B, T, C) to (B, T, C). */
  @Override
  public Tensor forward(Tensor x) {
    x = x.add(attn.forward(ln1.forward(x))); // (B, T, C)
    x = x.add(mlp.forward(ln2.forward(x))); // (B, T, C)
    return x;
  }

  public CausalSelfAttention attention() {
    return attn;
  }
}
