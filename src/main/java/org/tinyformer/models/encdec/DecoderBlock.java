package org.tinyformer.models.encdec;

import java.util.List;
import org.tinyformer.base.Rng;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.nn.CausalSelfAttention;
import org.tinyformer.nn.Dropout;
import org.tinyformer.nn.LayerNorm;
import org.tinyformer.nn.Mlp;
import org.tinyformer.nn.Module;
import org.tinyformer.tensor.Tensor;

/**
 * A decoder block (pre-norm): x + causalSelfAttention(ln1(x)) (the GPT's layer), x +
 * crossAttention(ln2(x), memory), then x + mlp(ln3(x)). The cross-attention keys/values of the
 * memory are computed once ({@link #crossKeysValues}) and reused at every decoding step.
 */
final class DecoderBlock extends Module {
  private final int layer;
  private final int numHeads;
  private final LayerNorm ln1;
  private final CausalSelfAttention selfAttn;
  private final LayerNorm ln2;
  private final MultiHeadAttention crossAttn;
  private final LayerNorm ln3;
  private final Mlp mlp;
  private final Dropout dropout;

  DecoderBlock(EncDecConfig config, int layer, Rng rng, Rng dropoutRng, float residualStd) {
    int C = config.embedDim();
    this.layer = layer;
    this.numHeads = config.numHeads();
    this.ln1 = child("ln_1", new LayerNorm(C, true));
    this.selfAttn =
        child(
            "self_attn",
            new CausalSelfAttention(
                C, numHeads, true, false, config.dropout(), rng, dropoutRng, residualStd));
    this.ln2 = child("ln_2", new LayerNorm(C, true));
    this.crossAttn =
        child("cross_attn", new MultiHeadAttention(C, numHeads, false, rng, 0.02f, residualStd));
    this.ln3 = child("ln_3", new LayerNorm(C, true));
    this.mlp = child("mlp", Blocks.mlp(config, rng, dropoutRng, residualStd));
    this.dropout = child("dropout", new Dropout(config.dropout(), dropoutRng));
  }

  /** Projected keys and values of the encoder output {@code memory} (B, S, C): (B, S, 2C). */
  Tensor crossKeysValues(Tensor memory) {
    return crossAttn.keysValues(memory); // (B, S, 2C)
  }

  /**
   * {@code x} (B, T, C); {@code memoryKv} (B, S, 2C) from {@link #crossKeysValues}; {@code
   * memoryPadding} (B, S) or null; when {@code recorded} is not null the self- and cross-attention
   * weights are appended to it.
   */
  Tensor forward(Tensor x, Tensor memoryKv, Tensor memoryPadding, List<AttentionWeights> recorded) {
    int B = x.size(0);
    int T = x.size(1);
    int S = memoryKv.size(1);
    selfAttn.keepAttentionWeights(recorded != null);
    crossAttn.keepAttentionWeights(recorded != null);
    x = x.add(selfAttn.forward(ln1.forward(x))); // (B, T, C)
    Tensor cross = crossAttn.forward(ln2.forward(x), memoryKv, memoryPadding); // (B, T, C)
    x = x.add(dropout.forward(cross)); // (B, T, C)
    x = x.add(mlp.forward(ln3.forward(x))); // (B, T, C)
    if (recorded != null) {
      float[] self = selfAttn.attentionWeights(); // (B, NH, T, T)
      float[] crossWeights = crossAttn.attentionWeights(); // (B, NH, T, S)
      recorded.add(new AttentionWeights(AttentionKind.DECODER, layer, B, numHeads, T, T, self));
      recorded.add(
          new AttentionWeights(AttentionKind.CROSS, layer, B, numHeads, T, S, crossWeights));
    }
    return x;
  }
}
