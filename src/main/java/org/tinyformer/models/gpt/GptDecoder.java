package org.tinyformer.models.gpt;

import java.util.Map;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.elementwise.RopeKernel;
import org.tinyformer.kernels.elementwise.SiluKernel;
import org.tinyformer.kernels.norms.LayerNormKernel;
import org.tinyformer.kernels.norms.RmsNormKernel;
import org.tinyformer.models.GptConfig;
import org.tinyformer.nn.AttentionCache;
import org.tinyformer.nn.KvCache;
import org.tinyformer.nn.LayerNorm;
import org.tinyformer.nn.RmsNorm;
import org.tinyformer.tensor.Tensor;

/**
 * The GPT's inference path for incremental decoding, like llm.c's {@code gpt2_forward} without the
 * backward caches: the same kernels as the autograd model on float[] buffers allocated once per
 * {@link KvCache}, so a decoded token allocates no tensors and builds no graph. {@code GptTest}
 * checks that it gives the logits of the full forward.
 */
final class GptDecoder {
  /** Models up to this many parameters get packed copies of their weights (4 bytes each). */
  private static final long PACK_MAX_PARAMETERS = 32L << 20;

  private final Gpt model;
  private final boolean bf16; // Linear weights read as bf16 panels
  private final GptConfig config;
  private final int C;
  private final int H; // MLP hidden width
  private final float[] wte; // (V, C)
  private final PackedLinear head; // the output head, weight head.weight or the tied wte (V, C)
  private final float[] wpe; // (contextLength, C), or null with rotary positions
  private final GptBlockWeights[] blocks;
  private final float[] lnfWeight; // (C)
  private final float[] lnfBias; // (C), or null
  private final float[] cos; // (contextLength, HS/2) rotary tables, or null
  private final float[] sin; // (contextLength, HS/2), or null
  private final float[] x; // (R, C) residual stream, R = B * contextLength
  private final float[] normed; // (R, C)
  private final float[] qkv; // (R, 3C)
  private final float[] att; // (R, C)
  private final float[] out; // (R, C) output of a projection, before the residual add
  private final float[] hidden; // (R, H)
  private final float[] up; // (R, H) SwiGLU's second branch, or null

  GptDecoder(Gpt model, int batchSize, boolean bf16) {
    this(model, batchSize, PACK_MAX_PARAMETERS, bf16);
  }

  /**
   * A decoder that packs the weights only when the model has at most {@code packMaxParameters}
   * parameters: tests reach the unpacked path of large models with a tiny one. With {@code bf16}
   * every Linear weight and the head are packed as bf16 whatever the size.
   */
  GptDecoder(Gpt model, int batchSize, long packMaxParameters, boolean bf16) {
    this.model = model;
    this.bf16 = bf16;
    this.config = model.config();
    this.C = config.embedDim();
    this.H = config.mlpHiddenDim();
    Map<String, Tensor> p = model.namedParameters();
    boolean pack = model.parameterCount() <= packMaxParameters;
    this.wte = p.get("wte.weight").data();
    float[] headWeight = p.containsKey("head.weight") ? p.get("head.weight").data() : wte;
    this.head = new PackedLinear(headWeight, null, config.vocabSize(), C, pack, bf16);
    this.wpe = p.containsKey("wpe.weight") ? p.get("wpe.weight").data() : null;
    this.blocks = new GptBlockWeights[config.numLayers()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = GptBlockWeights.of(p, "blocks." + i + ".", pack, bf16);
    }
    this.lnfWeight = p.get("lnf.weight").data();
    this.lnfBias = GptBlockWeights.optional(p, "lnf.bias");
    boolean rotary = config.positions() == GptConfig.Positions.ROTARY;
    int half = config.headSize() / 2;
    this.cos = rotary ? new float[config.contextLength() * half] : null;
    this.sin = rotary ? new float[config.contextLength() * half] : null;
    if (rotary) {
      RopeKernel.frequencies(cos, sin, config.contextLength(), config.headSize(), RopeKernel.BASE);
    }
    int R = batchSize * config.contextLength();
    this.x = new float[R * C];
    this.normed = new float[R * C];
    this.qkv = new float[R * 3 * C];
    this.att = new float[R * C];
    this.out = new float[R * C];
    this.hidden = new float[R * H];
    this.up = config.mlp() == GptConfig.MlpKind.SWIGLU ? new float[R * H] : null;
  }

  /** Whether the weights were copied into packed panels (models up to the threshold). */
  boolean packsWeights() {
    return head.isPacked();
  }

  /** Whether this decoder reads the weights of {@code gpt} in the given precision. */
  boolean decodes(Gpt gpt, boolean inBf16) {
    return model == gpt && bf16 == inBf16;
  }

  /**
   * Logits of T new positions per row after the cached ones, appending their keys and values: (B,
   * T, V), or (B, V) for the last position of each row only when {@code lastOnly}.
   */
  float[] decode(int[] ids, int B, int T, KvCache cache, boolean lastOnly) {
    embed(ids, B, T, cache.length());
    int last = blocks.length - 1;
    for (int l = 0; l <= last; l++) {
      block(blocks[l], cache.layer(l), B, T, lastOnly && l == last);
    }
    int V = config.vocabSize();
    int rows = lastOnly ? B : B * T;
    norm(normed, x, lnfWeight, lnfBias, rows); // (rows, C)
    float[] logits = new float[rows * V]; // (rows, V)
    head.apply(logits, normed, rows); // (rows, C) @ (C, V)
    return logits;
  }

  /** x (B, T, C) = token embeddings (+ learned positions pos0 .. pos0 + T - 1). */
  private void embed(int[] ids, int B, int T, int pos0) {
    for (int r = 0; r < B * T; r++) {
      System.arraycopy(wte, ids[r] * C, x, r * C, C);
      if (wpe != null) {
        int p = (pos0 + r % T) * C;
        for (int c = 0; c < C; c++) {
          x[r * C + c] += wpe[p + c];
        }
      }
    }
  }

  /**
   * One pre-norm block on the B * T rows of x: two residual lines, attention then MLP. With {@code
   * lastOnly}, all positions leave keys and values in the cache but only the last of each row goes
   * on, and x ends as (B, C).
   */
  private void block(GptBlockWeights w, AttentionCache cache, int B, int T, boolean lastOnly) {
    int R = B * T;
    norm(normed, x, w.ln1Weight(), w.ln1Bias(), R); // (R, C)
    w.qkv().apply(qkv, normed, R); // (R, 3C)
    if (cos != null) {
      int NH = config.numHeads();
      int HS = config.headSize();
      RopeKernel.forward(qkv, 0, 3 * C, cos, sin, B, T, NH, HS, cache.length()); // q
      RopeKernel.forward(qkv, C, 3 * C, cos, sin, B, T, NH, HS, cache.length()); // k
    }
    if (lastOnly && T > 1) {
      cache.appendAndAttendLast(att, qkv, T); // (B, C)
      for (int b = 0; b < B; b++) { // the residual stream of the last position of each row
        System.arraycopy(x, (b * T + T - 1) * C, x, b * C, C);
      }
      R = B;
    } else {
      cache.appendAndAttend(att, qkv, T); // (R, C)
    }
    w.attnProj().apply(out, att, R); // (R, C)
    addInPlace(x, out, R * C);
    norm(normed, x, w.ln2Weight(), w.ln2Bias(), R); // (R, C)
    w.fc().apply(hidden, normed, R); // (R, H); SwiGLU's gate
    if (up == null) {
      GeluKernel.forward(hidden, hidden, R * H);
    } else {
      w.up().apply(up, normed, R); // (R, H)
      SiluKernel.swigluForward(hidden, hidden, up, R * H);
    }
    w.mlpProj().apply(out, hidden, R); // (R, C)
    addInPlace(x, out, R * C);
  }

  private void norm(float[] dst, float[] src, float[] weight, float[] bias, int rows) {
    if (config.norm() == GptConfig.Norm.LAYER) {
      LayerNormKernel.forward(dst, null, null, src, weight, bias, 1, rows, C, LayerNorm.EPS);
    } else {
      RmsNormKernel.forward(dst, null, src, weight, 1, rows, C, RmsNorm.EPS);
    }
  }

  private static void addInPlace(float[] y, float[] a, int n) {
    for (int i = 0; i < n; i++) {
      y[i] += a[i];
    }
  }
}
