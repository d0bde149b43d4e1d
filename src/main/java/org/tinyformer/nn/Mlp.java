package org.tinyformer.nn;

import org.tinyformer.base.Rng;
import org.tinyformer.tensor.Tensor;

/** GPT-2's feed-forward network: proj(gelu(fc(x))), hidden width usually 4C, then dropout. */
public final class Mlp extends Layer {
  private final Linear fc; // weight (H, C)
  private final Linear proj; // weight (C, H)
  private final Dropout dropout;

  public Mlp(
      int embedDim,
      int hiddenDim,
      boolean bias,
      float dropout,
      Rng rng,
      Rng dropoutRng,
      float projStd) {
    this.fc = child("fc", new Linear(embedDim, hiddenDim, bias, rng, 0.02f));
    this.proj = child("proj", new Linear(hiddenDim, embedDim, bias, rng, projStd));
    this.dropout = child("dropout", new Dropout(dropout, dropoutRng));
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor h = fc.forward(x).gelu(); // (B, T, H)
    return dropout.forward(proj.forward(h)); // (B, T, C)
  }
}
