package org.tinyformer.nn;

import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * The gated feed-forward network of Llama (Shazeer 2020, "GLU variants improve transformer"):
 * proj(silu(gate(x)) * up(x)), then dropout.
 */
public final class SwiGluMlp extends Layer {
  private final Linear gate; // weight (H, C)
  private final Linear up; // weight (H, C)
  private final Linear proj; // weight (C, H)
  private final Dropout dropout;

  public SwiGluMlp(
      int embedDim,
      int hiddenDim,
      boolean bias,
      float dropout,
      Rng rng,
      Rng dropoutRng,
      float projStd) {
    this.gate = child("gate", new Linear(embedDim, hiddenDim, bias, rng, 0.02f));
    this.up = child("up", new Linear(embedDim, hiddenDim, bias, rng, 0.02f));
    this.proj = child("proj", new Linear(hiddenDim, embedDim, bias, rng, projStd));
    this.dropout = child("dropout", new Dropout(dropout, dropoutRng));
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor h = Functional.swiglu(gate.forward(x), up.forward(x)); // (B, T, H)
    return dropout.forward(proj.forward(h)); // (B, T, C)
  }
}
