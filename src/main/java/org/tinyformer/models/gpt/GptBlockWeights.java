package org.tinyformer.models.gpt;

import java.util.Map;
import org.tinyformer.tensor.Tensor;

/**
 * The weights of one transformer block as {@link GptDecoder} reads them: the norms' own parameter
 * storage and the Linear layers as {@link PackedLinear}. Biases are null in a bias-free model;
 * {@code fc} is SwiGLU's gate and {@code up} is null with the GELU MLP.
 */
record GptBlockWeights(
    float[] ln1Weight, // (C)
    float[] ln1Bias, // (C), or null
    PackedLinear qkv, // (3C, C)
    PackedLinear attnProj, // (C, C)
    float[] ln2Weight, // (C)
    float[] ln2Bias, // (C), or null
    PackedLinear fc, // (H, C)
    PackedLinear up, // (H, C), or null
    PackedLinear mlpProj) { // (C, H)

  /**
   * The block under {@code prefix} ("blocks.3.") in a GPT's parameters; packs when asked, in bf16
   * when asked.
   */
  static GptBlockWeights of(Map<String, Tensor> p, String prefix, boolean pack, boolean bf16) {
    boolean swiglu = p.containsKey(prefix + "mlp.gate.weight");
    return new GptBlockWeights(
        p.get(prefix + "ln1.weight").data(),
        optional(p, prefix + "ln1.bias"),
        linear(p, prefix + "attn.qkv.", pack, bf16),
        linear(p, prefix + "attn.proj.", pack, bf16),
        p.get(prefix + "ln2.weight").data(),
        optional(p, prefix + "ln2.bias"),
        linear(p, prefix + (swiglu ? "mlp.gate." : "mlp.fc."), pack, bf16),
        swiglu ? linear(p, prefix + "mlp.up.", pack, bf16) : null,
        linear(p, prefix + "mlp.proj.", pack, bf16));
  }

  private static PackedLinear linear(
      Map<String, Tensor> p, String prefix, boolean pack, boolean bf16) {
    Tensor w = p.get(prefix + "weight"); // (N, K)
    return new PackedLinear(
        w.data(), optional(p, prefix + "bias"), w.size(0), w.size(1), pack, bf16);
  }

  /** The data of parameter {@code key}, or null when the model has none (no bias). */
  static float[] optional(Map<String, Tensor> p, String key) {
    Tensor t = p.get(key);
    return t == null ? null : t.data();
  }
}
