package org.tinyformer.io.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.models.GptConfig;
import org.tinyformer.nn.RmsNorm;
import org.tinyformer.tensor.Tensor;

/**
 * {@code LlamaForCausalLM} against our modern model (RMSNorm, rotary, SwiGLU, no biases): {@code
 * model.embed_tokens}, per layer {@code model.layers.N.input_layernorm}, {@code
 * self_attn.q_proj/k_proj/v_proj} (stacked into our qkv rows), {@code self_attn.o_proj}, {@code
 * post_attention_layernorm}, {@code mlp.gate_proj/up_proj/down_proj}, then {@code model.norm} and
 * {@code lm_head} (untied unless {@code tie_word_embeddings}). Both use the rotate-half rotary
 * convention, so q and k need no permutation. Grouped-query attention is imported exactly by
 * repeating each key/value head for its group of query heads (export writes plain multi-head).
 */
final class LlamaLayout implements HfLayout {
  static final String ARCHITECTURE = "LlamaForCausalLM";

  @Override
  public String architecture() {
    return ARCHITECTURE;
  }

  @Override
  public String modelKind() {
    return "modern";
  }

  @Override
  public GptConfig config(HfDirectory d) {
    int C = d.integer("hidden_size");
    int NH = d.integer("num_attention_heads");
    d.require(C % NH == 0, "hidden_size " + C + " is not divisible by num_attention_heads " + NH);
    int kv = d.config().has("num_key_value_heads") ? d.integer("num_key_value_heads") : NH;
    d.require(
        NH % kv == 0,
        "num_attention_heads " + NH + " is not a multiple of num_key_value_heads " + kv);
    double headDim = d.number("head_dim", C / NH);
    d.require(headDim == C / NH, "head_dim " + headDim + " differs from hidden_size / heads");
    String act = d.config().path("hidden_act").asText("silu");
    d.require(act.equals("silu"), "hidden_act '" + act + "' is not supported (SwiGLU uses silu)");
    double eps = d.number("rms_norm_eps", 1e-6);
    d.require(
        (float) eps == RmsNorm.EPS,
        "rms_norm_eps " + eps + " is not supported (our RMSNorm uses " + RmsNorm.EPS + ")");
    double theta = d.number("rope_theta", 10000);
    d.require(theta == 10000, "rope_theta " + theta + " is not supported (ours is 10000)");
    d.require(
        d.config().path("rope_scaling").isNull() || d.config().path("rope_scaling").isMissingNode(),
        "rope_scaling " + d.config().path("rope_scaling") + " is not supported");
    d.require(
        !d.config().path("attention_bias").asBoolean(false)
            && !d.config().path("mlp_bias").asBoolean(false),
        "attention_bias / mlp_bias are not supported (the modern model has no biases)");
    boolean tied = d.config().path("tie_word_embeddings").asBoolean(false);
    return new GptConfig(
        d.integer("vocab_size"),
        d.integer("max_position_embeddings"),
        d.integer("num_hidden_layers"),
        NH,
        C,
        0f,
        false,
        GptConfig.Norm.RMS,
        GptConfig.Positions.ROTARY,
        GptConfig.MlpKind.SWIGLU,
        d.integer("intermediate_size"),
        !tied);
  }

  @Override
  public Map<String, float[]> toTinyformer(HfDirectory d, GptConfig c) {
    HfTensors hf = new HfTensors(d, "", ARCHITECTURE);
    int V = c.vocabSize(), C = c.embedDim(), H = c.mlpHiddenDim();
    int NH = c.numHeads(), HS = c.headSize();
    int NKV = d.config().has("num_key_value_heads") ? d.integer("num_key_value_heads") : NH;
    Map<String, float[]> p = new LinkedHashMap<>();
    p.put("wte.weight", hf.take("model.embed_tokens.weight", V, C));
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "model.layers." + i + ".";
      String b = "blocks." + i + ".";
      p.put(b + "ln1.weight", hf.take(l + "input_layernorm.weight", C));
      float[] q = hf.take(l + "self_attn.q_proj.weight", C, C); // (NH HS, C)
      float[] k = hf.take(l + "self_attn.k_proj.weight", NKV * HS, C); // (NKV HS, C)
      float[] v = hf.take(l + "self_attn.v_proj.weight", NKV * HS, C);
      float[] qkv = new float[3 * C * C]; // (3C, C): rows q, k, v
      System.arraycopy(q, 0, qkv, 0, C * C);
      repeatHeads(qkv, C * C, k, NH, NKV, HS, C);
      repeatHeads(qkv, 2 * C * C, v, NH, NKV, HS, C);
      p.put(b + "attn.qkv.weight", qkv);
      p.put(b + "attn.proj.weight", hf.take(l + "self_attn.o_proj.weight", C, C));
      p.put(b + "ln2.weight", hf.take(l + "post_attention_layernorm.weight", C));
      p.put(b + "mlp.gate.weight", hf.take(l + "mlp.gate_proj.weight", H, C));
      p.put(b + "mlp.up.weight", hf.take(l + "mlp.up_proj.weight", H, C));
      p.put(b + "mlp.proj.weight", hf.take(l + "mlp.down_proj.weight", C, H));
      hf.ignore(l + "self_attn.rotary_emb.inv_freq"); // a buffer of older checkpoints
    }
    p.put("lnf.weight", hf.take("model.norm.weight", C));
    if (c.untiedHead()) {
      p.put("head.weight", hf.take("lm_head.weight", V, C));
    } else if (hf.has("lm_head.weight")) {
      d.require(
          Arrays.equals(hf.take("lm_head.weight", V, C), p.get("wte.weight")),
          "lm_head.weight differs from model.embed_tokens.weight but tie_word_embeddings is true");
    }
    hf.checkAllUsed();
    return p;
  }

  /**
   * Copies key or value heads (NKV HS, C) into rows {@code at ..} of qkv as NH heads: query head h
   * reads shared head h / (NH / NKV), which is what grouped-query attention computes.
   */
  private static void repeatHeads(float[] qkv, int at, float[] kv, int NH, int NKV, int HS, int C) {
    int group = NH / NKV;
    for (int h = 0; h < NH; h++) {
      System.arraycopy(kv, (h / group) * HS * C, qkv, at + h * HS * C, HS * C);
    }
  }

  @Override
  public ObjectNode hfConfig(GptConfig c, int endOfText) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.putArray("architectures").add(ARCHITECTURE);
    n.put("model_type", "llama");
    n.put("hidden_act", "silu");
    n.put("vocab_size", c.vocabSize());
    n.put("hidden_size", c.embedDim());
    n.put("intermediate_size", c.mlpHiddenDim());
    n.put("num_hidden_layers", c.numLayers());
    n.put("num_attention_heads", c.numHeads());
    n.put("num_key_value_heads", c.numHeads());
    n.put("max_position_embeddings", c.contextLength());
    n.put("rms_norm_eps", (double) RmsNorm.EPS);
    n.put("rope_theta", 10000.0);
    n.putNull("rope_scaling");
    n.put("attention_bias", false);
    n.put("mlp_bias", false);
    n.put("attention_dropout", c.dropout());
    n.put("tie_word_embeddings", !c.untiedHead());
    if (endOfText >= 0) {
      n.put("bos_token_id", endOfText);
      n.put("eos_token_id", endOfText);
    }
    n.put("initializer_range", 0.02);
    n.put("torch_dtype", "float32");
    return n;
  }

  @Override
  public Map<String, Tensor> toHf(Map<String, Tensor> p, GptConfig c) {
    int C = c.embedDim();
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("model.embed_tokens.weight", p.get("wte.weight"));
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "model.layers." + i + ".";
      String b = "blocks." + i + ".";
      out.put(l + "input_layernorm.weight", p.get(b + "ln1.weight"));
      float[] qkv = p.get(b + "attn.qkv.weight").data(); // (3C, C)
      out.put(l + "self_attn.q_proj.weight", rows(qkv, 0, C, C));
      out.put(l + "self_attn.k_proj.weight", rows(qkv, C, C, C));
      out.put(l + "self_attn.v_proj.weight", rows(qkv, 2 * C, C, C));
      out.put(l + "self_attn.o_proj.weight", p.get(b + "attn.proj.weight"));
      out.put(l + "post_attention_layernorm.weight", p.get(b + "ln2.weight"));
      out.put(l + "mlp.gate_proj.weight", p.get(b + "mlp.gate.weight"));
      out.put(l + "mlp.up_proj.weight", p.get(b + "mlp.up.weight"));
      out.put(l + "mlp.down_proj.weight", p.get(b + "mlp.proj.weight"));
    }
    out.put("model.norm.weight", p.get("lnf.weight"));
    if (c.untiedHead()) {
      out.put("lm_head.weight", p.get("head.weight"));
    }
    return out;
  }

  /** Rows {@code from .. from + n} of a (?, cols) matrix as an (n, cols) tensor. */
  private static Tensor rows(float[] m, int from, int n, int cols) {
    return Tensor.of(Arrays.copyOfRange(m, from * cols, (from + n) * cols), n, cols);
  }
}
