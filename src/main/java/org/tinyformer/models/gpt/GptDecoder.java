package org.tinyformer.models.gpt;

import java.util.Map;
import org.tinyformer.kernels.elementwise.RopeKernel;
import org.tinyformer.kernels.elementwise.SiluKernel;
import org.tinyformer.kernels.norms.LayerNormKernel;
import org.tinyformer.kernels.norms.RmsNormKernel;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
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
 *
 * <p>Threads: a token's work is about a MFLOP at small sizes, so thread hand-offs decide the speed.
 * Each Linear large enough is split into one fixed share of column panels per thread (the caller
 * takes share 0, a pool worker share 1, so each core keeps reading the same weights), and attention
 * by (row, head); norms, residual adds and activations run on the calling thread between those
 * phases. Columns and heads are computed alone, so any thread count gives the same bits.
 */
final class GptDecoder {
  /** Models up to this many parameters get packed copies of their weights (4 bytes each). */
  static final long PACK_MAX_PARAMETERS = 32L << 20;

  /**
   * Multiply-adds below which a phase runs on the calling thread: a hand-off to a spinning worker
   * costs about as much as a thread does of this work.
   */
  static final long MIN_SPLIT_WORK = 1L << 15;

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
  private final int parts; // shares of a split phase: the kernel threads
  private final long minSplitWork; // multiply-adds a phase needs to be split
  private final float[][] scores; // (parts, cache scores size) attention scratch per share

  // The phase being run, set before Parallel.forRange hands it out (its volatile write publishes
  // it)
  private PackedLinear phaseLinear;
  private float[] phaseOut;
  private float[] phaseInp;
  private int phaseRows;
  private AttentionCache phaseCache;
  private int phaseT;
  private boolean phaseLastOnly;
  private int phaseOutOffset; // where attention's rows start in phaseOut
  private int phaseInpOffset; // where attention's rows start in phaseInp
  private final Parallel.RangeBody linearShares = this::linearShares;
  private final Parallel.RangeBody attentionShares = this::attentionShares;

  GptDecoder(Gpt model, int batchSize, boolean bf16) {
    this(model, batchSize, PACK_MAX_PARAMETERS, bf16);
  }

  /**
   * A decoder that packs the weights only when the model has at most {@code packMaxParameters}
   * parameters: tests reach the unpacked path of large models with a tiny one. With {@code bf16}
   * every Linear weight and the head are packed as bf16 whatever the size.
   */
  GptDecoder(Gpt model, int batchSize, long packMaxParameters, boolean bf16) {
    this(model, batchSize, packMaxParameters, bf16, Parallel.threads(), MIN_SPLIT_WORK);
  }

  /**
   * As above, with phases split into {@code parts} shares once they carry {@code minSplitWork}
   * multiply-adds: tests split a tiny model's phases to check that the bits do not change.
   */
  GptDecoder(
      Gpt model,
      int batchSize,
      long packMaxParameters,
      boolean bf16,
      int parts,
      long minSplitWork) {
    this.model = model;
    this.parts = parts;
    this.minSplitWork = minSplitWork;
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
    int stride = new AttentionCache(1, 1, config.contextLength(), 1).scoresSize();
    this.scores = new float[parts][stride];
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
    return logits(lastOnly ? B : B * T);
  }

  /**
   * Whether a row's bits do not depend on the rows computed with it, so that {@link #decodeAlong}
   * gives the bits of separate calls: every product column and attention head is computed alone,
   * norms work by row, and the activations see whole vectors in every row (their scalar tails use
   * another formula) when the hidden width is a multiple of the vector length.
   */
  static boolean rowsAreIndependent(GptConfig config) {
    return !Simd.AVAILABLE || config.mlpHiddenDim() % Simd.floatLanes() == 0;
  }

  /**
   * Logits (V) of token {@code id} at batch 1 after the positions of {@code cache}, appending its
   * keys and values to {@code cache} and, as the next position of {@code next}, to {@code next} too
   * (no logits for it): both rows go through each product together, so the weights are read once.
   * The bits of {@code decode({id}, 1, 1, cache, true)} and of the same call on {@code next} when
   * {@link #rowsAreIndependent}.
   */
  float[] decodeAlong(int id, KvCache cache, KvCache next) {
    embedAt(id, 0, cache.length());
    embedAt(id, 1, next.length());
    int last = blocks.length - 1;
    for (int l = 0; l <= last; l++) {
      blockAlong(blocks[l], cache.layer(l), next.layer(l), l == last);
    }
    return logits(1);
  }

  /** Logits (rows, V) of the first rows of x: final norm and head. */
  private float[] logits(int rows) {
    int V = config.vocabSize();
    norm(normed, x, lnfWeight, lnfBias, rows); // (rows, C)
    float[] logits = new float[rows * V]; // (rows, V)
    head.apply(logits, normed, rows); // (rows, C) @ (C, V)
    return logits;
  }

  /** Row r of x (C) = embedding of token id (+ learned position pos). */
  private void embedAt(int id, int r, int pos) {
    System.arraycopy(wte, id * C, x, r * C, C);
    if (wpe != null) {
      for (int c = 0; c < C; c++) {
        x[r * C + c] += wpe[pos * C + c];
      }
    }
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
    linear(w.qkv(), qkv, normed, R); // (R, 3C)
    if (cos != null) {
      int NH = config.numHeads();
      int HS = config.headSize();
      RopeKernel.forward(qkv, 0, 3 * C, cos, sin, B, T, NH, HS, cache.length()); // q
      RopeKernel.forward(qkv, C, 3 * C, cos, sin, B, T, NH, HS, cache.length()); // k
    }
    cache.append(qkv, T);
    boolean last = lastOnly && T > 1;
    attention(att, qkv, cache, B, T, last); // (B, C) when last, else (R, C)
    if (last) {
      for (int b = 0; b < B; b++) { // the residual stream of the last position of each row
        System.arraycopy(x, (b * T + T - 1) * C, x, b * C, C);
      }
      R = B;
    }
    projectAndMlp(w, R);
  }

  /**
   * One block on two rows of x at batch 1, row 0 after the positions of cache a and row 1 after
   * those of cache b; in the last layer only row 0 goes on past attention.
   */
  private void blockAlong(
      GptBlockWeights w, AttentionCache a, AttentionCache b, boolean lastLayer) {
    norm(normed, x, w.ln1Weight(), w.ln1Bias(), 2); // (2, C)
    linear(w.qkv(), qkv, normed, 2); // (2, 3C)
    if (cos != null) {
      int NH = config.numHeads();
      int HS = config.headSize();
      RopeKernel.forward(qkv, 0, 3 * C, cos, sin, 1, 1, NH, HS, a.length()); // q of row 0
      RopeKernel.forward(qkv, C, 3 * C, cos, sin, 1, 1, NH, HS, a.length()); // k of row 0
      RopeKernel.forward(qkv, 3 * C, 3 * C, cos, sin, 1, 1, NH, HS, b.length()); // q of row 1
      RopeKernel.forward(qkv, 4 * C, 3 * C, cos, sin, 1, 1, NH, HS, b.length()); // k of row 1
    }
    a.append(qkv, 0, 1);
    b.append(qkv, 3 * C, 1);
    attentionAt(att, 0, qkv, 0, a); // (1, C)
    attentionAt(att, C, qkv, 3 * C, b); // (1, C)
    projectAndMlp(w, lastLayer ? 1 : 2);
  }

  /** The block after attention on R rows: projection and residual, norm, MLP and residual. */
  private void projectAndMlp(GptBlockWeights w, int R) {
    linear(w.attnProj(), out, att, R); // (R, C)
    addInPlace(x, out, R * C);
    norm(normed, x, w.ln2Weight(), w.ln2Bias(), R); // (R, C)
    linear(w.fc(), hidden, normed, R); // (R, H); SwiGLU's gate
    if (up == null) {
      DecodeGelu.forward(hidden, hidden, R * H); // GeluKernel.forward's bits, see DecodeGelu
    } else {
      linear(w.up(), up, normed, R); // (R, H)
      SiluKernel.swigluForward(hidden, hidden, up, R * H);
    }
    linear(w.mlpProj(), out, hidden, R); // (R, C)
    addInPlace(x, out, R * C);
  }

  /** out (R, N) = inp (R, K) W^T + b: split by column panels among the threads when it pays. */
  private void linear(PackedLinear w, float[] dst, float[] inp, int R) {
    if (parts == 1 || !w.splits(R) || w.work(R) < minSplitWork || w.panels() < parts) {
      w.apply(dst, inp, R);
      return;
    }
    phaseLinear = w;
    phaseOut = dst;
    phaseInp = inp;
    phaseRows = R;
    Parallel.forRange(parts, 1, linearShares);
  }

  private void linearShares(int share0, int share1) {
    int panels = phaseLinear.panels();
    int p0 = (int) ((long) panels * share0 / parts);
    int p1 = (int) ((long) panels * share1 / parts);
    phaseLinear.applyPanels(phaseOut, phaseInp, phaseRows, p0, p1);
  }

  /**
   * Attention of the T newest (appended) positions: (B, T, C), or (B, C) for the last position
   * only; split by (row, head) among the threads when it pays.
   */
  private void attention(
      float[] dst, float[] qkvIn, AttentionCache cache, int B, int T, boolean lastOnly) {
    attention(dst, 0, qkvIn, 0, cache, B, T, lastOnly);
  }

  /** Attention of the newest position of a batch-1 cache, its row at the given offsets. */
  private void attentionAt(
      float[] dst, int dstOffset, float[] qkvIn, int inOffset, AttentionCache cache) {
    attention(dst, dstOffset, qkvIn, inOffset, cache, 1, 1, false);
  }

  private void attention(
      float[] dst,
      int dstOffset,
      float[] qkvIn,
      int inOffset,
      AttentionCache cache,
      int B,
      int T,
      boolean lastOnly) {
    int units = B * config.numHeads();
    long work = (long) units * (lastOnly ? 1 : T) * cache.length() * config.headSize();
    phaseOutOffset = dstOffset;
    phaseInpOffset = inOffset;
    phaseCache = cache;
    phaseOut = dst;
    phaseInp = qkvIn;
    phaseT = T;
    phaseLastOnly = lastOnly;
    if (parts == 1 || units < parts || work < minSplitWork) {
      attentionShares(0, parts);
    } else {
      Parallel.forRange(parts, 1, attentionShares);
    }
  }

  private void attentionShares(int share0, int share1) {
    int units = phaseCache.batchSize() * config.numHeads();
    for (int share = share0; share < share1; share++) {
      int u0 = (int) ((long) units * share / parts);
      int u1 = (int) ((long) units * (share + 1) / parts);
      phaseCache.attendNewest(
          phaseOut,
          phaseOutOffset,
          phaseInp,
          phaseInpOffset,
          phaseT,
          phaseLastOnly,
          u0,
          u1,
          scores[share]);
    }
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
