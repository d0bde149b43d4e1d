package org.tinyformer.io.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.models.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * {@code GPT2LMHeadModel}: {@code transformer.wte/wpe}, per block {@code h.N.ln_1}, {@code
 * attn.c_attn} (Conv1D, weight stored (in, out) = (C, 3C), columns q, k, v), {@code attn.c_proj}
 * (C, C), {@code ln_2}, {@code mlp.c_fc} (C, H), {@code mlp.c_proj} (H, C), then {@code ln_f}; the
 * LM head is tied to {@code wte}. Conv1D weights are the transposes of our (out, in) Linear
 * weights. Hub checkpoints drop the {@code transformer.} prefix and may carry the causal-mask
 * buffers {@code h.N.attn.bias} / {@code masked_bias}, which are ignored.
 */
final class Gpt2Layout implements HfLayout {
  static final String ARCHITECTURE = "GPT2LMHeadModel";

  @Override
  public String architecture() {
    return ARCHITECTURE;
  }

  @Override
  public String modelKind() {
    return "gpt";
  }

  @Override
  public GptConfig config(HfDirectory d) {
    int C = d.integer("n_embd");
    int NH = d.integer("n_head");
    d.require(C % NH == 0, "n_embd " + C + " is not divisible by n_head " + NH);
    String act = d.config().path("activation_function").asText("gelu_new");
    d.require(
        act.equals("gelu_new") || act.equals("gelu_pytorch_tanh"),
        "activation_function '" + act + "' is not supported (our GELU is the tanh form, gelu_new)");
    double eps = d.number("layer_norm_epsilon", 1e-5);
    d.require(eps == 1e-5, "layer_norm_epsilon " + eps + " is not supported (ours is 1e-5)");
    d.require(
        !d.config().path("scale_attn_by_inverse_layer_idx").asBoolean(false),
        "scale_attn_by_inverse_layer_idx=true is not supported");
    d.require(
        d.config().path("scale_attn_weights").asBoolean(true),
        "scale_attn_weights=false is not supported");
    int inner = d.config().path("n_inner").isNumber() ? d.integer("n_inner") : 4 * C;
    boolean tied = d.config().path("tie_word_embeddings").asBoolean(true);
    return new GptConfig(
        d.integer("vocab_size"),
        d.integer("n_positions"),
        d.integer("n_layer"),
        NH,
        C,
        0f,
        true,
        GptConfig.Norm.LAYER,
        GptConfig.Positions.LEARNED,
        GptConfig.MlpKind.GELU,
        inner == 4 * C ? 0 : inner,
        !tied);
  }

  @Override
  public Map<String, float[]> toTinyformer(HfDirectory d, GptConfig c) {
    String prefix = d.tensors().containsKey("transformer.wte.weight") ? "transformer." : "";
    HfTensors hf = new HfTensors(d, prefix, ARCHITECTURE);
    int V = c.vocabSize(), C = c.embedDim(), H = c.mlpHiddenDim();
    Map<String, float[]> p = new LinkedHashMap<>();
    p.put("wte.weight", hf.take("wte.weight", V, C));
    p.put("wpe.weight", hf.take("wpe.weight", c.contextLength(), C));
    for (int i = 0; i < c.numLayers(); i++) {
      String h = "h." + i + ".";
      String b = "blocks." + i + ".";
      p.put(b + "ln1.weight", hf.take(h + "ln_1.weight", C));
      p.put(b + "ln1.bias", hf.take(h + "ln_1.bias", C));
      p.put(b + "attn.qkv.weight", conv1d(hf, h + "attn.c_attn.weight", C, 3 * C));
      p.put(b + "attn.qkv.bias", hf.take(h + "attn.c_attn.bias", 3 * C));
      p.put(b + "attn.proj.weight", conv1d(hf, h + "attn.c_proj.weight", C, C));
      p.put(b + "attn.proj.bias", hf.take(h + "attn.c_proj.bias", C));
      p.put(b + "ln2.weight", hf.take(h + "ln_2.weight", C));
      p.put(b + "ln2.bias", hf.take(h + "ln_2.bias", C));
      p.put(b + "mlp.fc.weight", conv1d(hf, h + "mlp.c_fc.weight", C, H));
      p.put(b + "mlp.fc.bias", hf.take(h + "mlp.c_fc.bias", H));
      p.put(b + "mlp.proj.weight", conv1d(hf, h + "mlp.c_proj.weight", H, C));
      p.put(b + "mlp.proj.bias", hf.take(h + "mlp.c_proj.bias", C));
      hf.ignore(h + "attn.bias"); // the causal mask buffer of older checkpoints
      hf.ignore(h + "attn.masked_bias");
    }
    p.put("lnf.weight", hf.take("ln_f.weight", C));
    p.put("lnf.bias", hf.take("ln_f.bias", C));
    if (c.untiedHead()) {
      p.put("head.weight", hf.takeExact("lm_head.weight", V, C));
    } else if (d.tensors().containsKey("lm_head.weight")) {
      // save_pretrained drops a tied head; a copy must equal wte
      float[] head = hf.takeExact("lm_head.weight", V, C);
      d.require(
          Arrays.equals(head, p.get("wte.weight")),
          "lm_head.weight differs from wte.weight but tie_word_embeddings is true");
    }
    hf.checkAllUsed();
    return p;
  }

  /** A Conv1D weight stored (in, out) as our Linear weight (out, in). */
  private static float[] conv1d(HfTensors hf, String name, int in, int out) {
    return HfTensors.transpose(hf.take(name, in, out), in, out);
  }

  @Override
  public ObjectNode hfConfig(GptConfig c, int endOfText) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.putArray("architectures").add(ARCHITECTURE);
    n.put("model_type", "gpt2");
    n.put("activation_function", "gelu_new");
    n.put("vocab_size", c.vocabSize());
    n.put("n_positions", c.contextLength());
    n.put("n_ctx", c.contextLength());
    n.put("n_embd", c.embedDim());
    n.put("n_layer", c.numLayers());
    n.put("n_head", c.numHeads());
    if (c.mlpHiddenDim() == 4 * c.embedDim()) {
      n.putNull("n_inner");
    } else {
      n.put("n_inner", c.mlpHiddenDim());
    }
    n.put("layer_norm_epsilon", 1e-5);
    for (String p : new String[] {"resid_pdrop", "embd_pdrop", "attn_pdrop"}) {
      n.put(p, c.dropout());
    }
    n.put("initializer_range", 0.02);
    n.put("scale_attn_weights", true);
    n.put("scale_attn_by_inverse_layer_idx", false);
    n.put("reorder_and_upcast_attn", false);
    n.put("tie_word_embeddings", !c.untiedHead());
    if (endOfText >= 0) {
      n.put("bos_token_id", endOfText);
      n.put("eos_token_id", endOfText);
    }
    n.put("torch_dtype", "float32");
    return n;
  }

  @Override
  public Map<String, Tensor> toHf(Map<String, Tensor> p, GptConfig c) {
    int C = c.embedDim(), H = c.mlpHiddenDim();
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("transformer.wte.weight", p.get("wte.weight"));
    out.put("transformer.wpe.weight", p.get("wpe.weight"));
    for (int i = 0; i < c.numLayers(); i++) {
      String h = "transformer.h." + i + ".";
      String b = "blocks." + i + ".";
      out.put(h + "ln_1.weight", p.get(b + "ln1.weight"));
      out.put(h + "ln_1.bias", bias(p, b + "ln1.bias", C));
      out.put(h + "attn.c_attn.weight", toConv1d(p.get(b + "attn.qkv.weight"), 3 * C, C));
      out.put(h + "attn.c_attn.bias", bias(p, b + "attn.qkv.bias", 3 * C));
      out.put(h + "attn.c_proj.weight", toConv1d(p.get(b + "attn.proj.weight"), C, C));
      out.put(h + "attn.c_proj.bias", bias(p, b + "attn.proj.bias", C));
      out.put(h + "ln_2.weight", p.get(b + "ln2.weight"));
      out.put(h + "ln_2.bias", bias(p, b + "ln2.bias", C));
      out.put(h + "mlp.c_fc.weight", toConv1d(p.get(b + "mlp.fc.weight"), H, C));
      out.put(h + "mlp.c_fc.bias", bias(p, b + "mlp.fc.bias", H));
      out.put(h + "mlp.c_proj.weight", toConv1d(p.get(b + "mlp.proj.weight"), C, H));
      out.put(h + "mlp.c_proj.bias", bias(p, b + "mlp.proj.bias", C));
    }
    out.put("transformer.ln_f.weight", p.get("lnf.weight"));
    out.put("transformer.ln_f.bias", bias(p, "lnf.bias", C));
    if (c.untiedHead()) {
      out.put("lm_head.weight", p.get("head.weight"));
    }
    return out;
  }

  /** Our Linear weight (out, in) as a Conv1D weight (in, out). */
  private static Tensor toConv1d(Tensor w, int out, int in) {
    return Tensor.of(HfTensors.transpose(w.data(), out, in), in, out);
  }

  /** A bias, or zeros for a bias-free model (GPT-2's layers always have one). */
  private static Tensor bias(Map<String, Tensor> p, String key, int n) {
    Tensor t = p.get(key);
    return t != null ? t : Tensor.zeros(n);
  }
}
