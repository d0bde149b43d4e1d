package org.tinyformer.models.encdec;

import java.util.List;
import org.tinyformer.base.Rng;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.nn.Dropout;
import org.tinyformer.nn.LayerNorm;
import org.tinyformer.nn.Mlp;
import org.tinyformer.nn.Module;
import org.tinyformer.tensor.Tensor;

/** An encoder block (pre-norm): x + selfAttention(ln1(x)), then x + mlp(ln2(x)). */
final class EncoderBlock extends Module {
  private final int layer;
  private final int numHeads;
  private final LayerNorm ln1;
  private final MultiHeadAttention attn;
  private final LayerNorm ln2;
  private final Mlp mlp;
  private final Dropout dropout;

  EncoderBlock(EncDecConfig config, int layer, Rng rng, Rng dropoutRng, float residualStd) {
    int C = config.embedDim();
    this.layer = layer;
    this.numHeads = config.numHeads();
    this.ln1 = child("ln_1", new LayerNorm(C, true));
    this.attn = child("attn", new MultiHeadAttention(C, numHeads, false, rng, 0.02f, residualStd));
    this.ln2 = child("ln_2", new LayerNorm(C, true));
    this.mlp = child("mlp", Blocks.mlp(config, rng, dropoutRng, residualStd));
    this.dropout = child("dropout", new Dropout(config.dropout(), dropoutRng));
  }

  /**
   * {@code x} (B, S, C), {@code padding} (B, S) or null; when {@code recorded} is not null the
   * attention weights are appended to it.
   */
  Tensor forward(Tensor x, Tensor padding, List<AttentionWeights> recorded) {
    attn.keepAttentionWeights(recorded != null);
    x = x.add(dropout.forward(attn.forward(ln1.forward(x), padding))); // (B, S, C)
    if (recorded != null) {
      int S = x.size(1);
      float[] w = attn.attentionWeights(); // (B, NH, S, S)
      recorded.add(
          new AttentionWeights(AttentionKind.ENCODER, layer, x.size(0), numHeads, S, S, w));
    }
    return x.add(mlp.forward(ln2.forward(x))); // (B, S, C)
  }
}
