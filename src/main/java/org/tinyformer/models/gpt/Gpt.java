package org.tinyformer.models.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.IncrementalDecoder;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.nn.CausalSelfAttention;
import org.tinyformer.nn.Dropout;
import org.tinyformer.nn.Embedding;
import org.tinyformer.nn.KvCache;
import org.tinyformer.nn.Layer;
import org.tinyformer.nn.LayerNorm;
import org.tinyformer.nn.Linear;
import org.tinyformer.nn.Mlp;
import org.tinyformer.nn.Module;
import org.tinyformer.nn.RmsNorm;
import org.tinyformer.nn.SwiGluMlp;
import org.tinyformer.nn.TransformerBlock;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Reduction;
import org.tinyformer.tensor.SliceGradients;
import org.tinyformer.tensor.StepArena;
import org.tinyformer.tensor.Tensor;

/**
 * The GPT language model on autograd (nanoGPT's model.py): token (+ learned position) embeddings,
 * {@code numLayers} pre-norm blocks, a final norm, and an output head tied to the token embedding.
 *
 * <p>Parameter keys, with Linear weights stored (out, in) as in PyTorch: {@code wte.weight} (V, C),
 * {@code wpe.weight} (contextLength, C; learned positions only), per block i {@code
 * blocks.i.ln1.weight/bias} (C), {@code blocks.i.attn.qkv.weight} (3C, C; rows q, k, v), {@code
 * .attn.qkv.bias} (3C), {@code .attn.proj.weight} (C, C) and {@code .bias}, {@code
 * .ln2.weight/bias}, {@code .mlp.fc.weight} (4C, C), {@code .mlp.fc.bias}, {@code .mlp.proj.weight}
 * (C, 4C), {@code .mlp.proj.bias}; SwiGLU has {@code .mlp.gate}, {@code .mlp.up} (H, C) and {@code
 * .mlp.proj} (C, H) instead; {@code lnf.weight/bias}; {@code head.weight} (V, C) only when the
 * config unties the head. RMSNorm and bias-free layers have no {@code bias}. GPT-2 init: N(0, 0.02)
 * weights, the residual projections N(0, 0.02 / sqrt(2 numLayers)).
 *
 * <p>{@code Gpt gpt = new Gpt(GptConfig.preset("shakespeare-char"), new Rng(1337));}
 */
public final class Gpt extends Module implements LanguageModel, IncrementalDecoder {
  /** The logits and (when targets were given) the mean cross-entropy of a forward pass. */
  public record Output(Tensor logits, Tensor loss) {}

  private final GptConfig config;
  private final Rng dropoutRng;
  private final Embedding wte; // weight (V, C), also the output head
  private final Embedding wpe; // weight (contextLength, C); null with rotary positions
  private final Dropout drop;
  private final TransformerBlock[] blocks;
  private final Layer lnf;
  private final Linear head; // weight (V, C); null when the head is tied to wte
  private boolean bf16Weights; // incremental decoding reads bf16 copies of the Linear weights
  private final SlicedStep slicedStep = new SlicedStep(this);
  private final StepArena arena = new StepArena(); // the one-graph step's buffers, reused
  private int maxSlices = Parallel.threads(); // a training batch is split into at most this many

  /** A freshly initialised model; {@code rng} draws the weights and seeds dropout. */
  public Gpt(GptConfig config, Rng rng) {
    this.config = config;
    this.dropoutRng = rng.fork();
    int C = config.embedDim();
    float projStd = (float) (0.02 / Math.sqrt(2.0 * config.numLayers()));
    this.wte = child("wte", new Embedding(config.vocabSize(), C, rng, 0.02f));
    this.wpe =
        config.positions() == GptConfig.Positions.LEARNED
            ? child("wpe", new Embedding(config.contextLength(), C, rng, 0.02f))
            : null;
    this.drop = child("drop", new Dropout(config.dropout(), dropoutRng));
    this.blocks = new TransformerBlock[config.numLayers()];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = child("blocks." + i, block(rng, projStd));
    }
    this.lnf = child("lnf", norm());
    this.head =
        config.untiedHead()
            ? child("head", new Linear(C, config.vocabSize(), false, rng, 0.02f))
            : null;
  }

  private TransformerBlock block(Rng rng, float projStd) {
    int C = config.embedDim();
    int H = config.mlpHiddenDim();
    boolean bias = config.bias();
    float p = config.dropout();
    boolean rotary = config.positions() == GptConfig.Positions.ROTARY;
    var attn =
        new CausalSelfAttention(C, config.numHeads(), bias, rotary, p, rng, dropoutRng, projStd);
    Layer mlp =
        config.mlp() == GptConfig.MlpKind.GELU
            ? new Mlp(C, H, bias, p, rng, dropoutRng, projStd)
            : new SwiGluMlp(C, H, bias, p, rng, dropoutRng, projStd);
    return new TransformerBlock(norm(), attn, norm(), mlp);
  }

  private Layer norm() {
    return config.norm() == GptConfig.Norm.LAYER
        ? new LayerNorm(config.embedDim(), config.bias())
        : new RmsNorm(config.embedDim());
  }

  /** Logits (B, T, V) for token ids (B rows of T). */
  public Tensor forward(int[] ids, int B, int T) {
    Tensor x = embed(ids, B, T, 0); // (B, T, C)
    for (TransformerBlock block : blocks) {
      x = block.forward(x); // (B, T, C)
    }
    return head(lnf.forward(x)); // (B, T, V)
  }

  /** Logits (B, T, V) and the mean cross-entropy against {@code targets} (-1 ignored). */
  public Output forward(int[] ids, int[] targets, int B, int T) {
    checkTargets(targets, B, T);
    Tensor logits = forward(ids, B, T); // (B, T, V)
    Tensor loss = Functional.crossEntropy(logits, targets, -1, Reduction.MEAN); // ()
    return new Output(logits, loss);
  }

  /** Token embeddings plus, for learned positions, those of positions offset .. offset + T - 1. */
  private Tensor embed(int[] ids, int B, int T, int offset) {
    checkIds(ids, B, T, offset);
    Tensor x = wte.forward(ids, B, T); // (B, T, C)
    if (wpe != null) {
      int[] positions = new int[T];
      for (int t = 0; t < T; t++) {
        positions[t] = offset + t;
      }
      x = x.add(wpe.forward(positions, T)); // (B, T, C) + (T, C)
    }
    return drop.forward(x); // (B, T, C)
  }

  private Tensor head(Tensor x) {
    Tensor w = head == null ? wte.weight() : head.weight(); // (V, C)
    return Linear.apply(x, w, null, bf16Matmuls()); // (B, T, C) @ (C, V) -> (B, T, V)
  }

  private static void checkTargets(int[] targets, int B, int T) {
    Checks.check(
        targets.length == B * T,
        "gpt: targets has %d ids but B * T is %d (B %d, T %d)",
        targets.length,
        B * T,
        B,
        T);
  }

  private void checkIds(int[] ids, int B, int T, int offset) {
    Checks.check(B > 0 && T > 0, "gpt: B and T must be positive, got B %d, T %d", B, T);
    Checks.check(
        ids.length == B * T,
        "gpt: ids has %d tokens but B * T is %d (B %d, T %d)",
        ids.length,
        B * T,
        B,
        T);
    Checks.check(
        offset + T <= config.contextLength(),
        "gpt: sequence of %d tokens exceeds contextLength %d",
        offset + T,
        config.contextLength());
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= config.vocabSize()) {
        throw new IllegalArgumentException(
            String.format(
                "gpt: token id %d at index %d is outside the vocabulary [0, %d)",
                ids[i], i, config.vocabSize()));
      }
    }
  }

  // ---- LanguageModel ----

  @Override
  public GptConfig config() {
    return config;
  }

  @Override
  public Map<String, Tensor> parameters() {
    return namedParameters();
  }

  @Override
  public void setTraining(boolean training) {
    train(training);
  }

  /**
   * The mean cross-entropy's gradient, accumulated into every parameter's grad: with several
   * threads, one graph per slice of the batch on each ({@link SlicedStep}); with one thread, an
   * odd-sized batch that does not split, or dropout on (one shared generator), one graph.
   */
  @Override
  public float forwardBackward(int[] inputs, int[] targets, int B, int T) {
    int slices = slices(inputs, targets, B, T);
    if (slices > 1) {
      int valid = SlicedStep.validTargets(targets, config.vocabSize());
      return slicedStep.forwardBackward(inputs, targets, B, T, slices, valid);
    }
    float[] loss = new float[1];
    arena.run(
        () -> {
          Tensor l = forward(inputs, targets, B, T).loss(); // ()
          l.backward();
          loss[0] = l.item();
        });
    return loss[0];
  }

  /**
   * The slices a batch with targets is split into (after checking it): 1 for one graph, when there
   * is one thread, B does not split, dropout is on (one shared generator) or every target is -1.
   */
  private int slices(int[] inputs, int[] targets, int B, int T) {
    int slices = SliceGradients.sliceCount(B, maxSlices);
    if (slices == 1 || (config.dropout() > 0f && isTraining())) {
      return 1;
    }
    checkTargets(targets, B, T);
    checkIds(inputs, B, T, 0);
    return SlicedStep.validTargets(targets, config.vocabSize()) > 0 ? slices : 1;
  }

  /** Splits a training batch into at most {@code maxSlices} slices (1: one graph per batch). */
  void maxSlices(int maxSlices) {
    Checks.check(maxSlices >= 1, "gpt: maxSlices must be >= 1, got %d", maxSlices);
    this.maxSlices = maxSlices;
  }

  @Override
  public float loss(int[] inputs, int[] targets, int B, int T) {
    int slices = slices(inputs, targets, B, T);
    if (slices > 1) { // evaluation: each thread runs the forward of its own rows, as in training
      int valid = SlicedStep.validTargets(targets, config.vocabSize());
      return slicedStep.loss(inputs, targets, B, T, slices, valid);
    }
    try (var scope = GradMode.noGrad()) {
      return forward(inputs, targets, B, T).loss().item();
    }
  }

  @Override
  public float[] logits(int[] inputs, int B, int T) {
    try (var scope = GradMode.noGrad()) {
      return forward(inputs, B, T).data();
    }
  }

  /** The seeded generator of every dropout layer (saved by checkpoints for an exact resume). */
  @Override
  public Map<String, Rng> randomGenerators() {
    return Map.of("dropout", dropoutRng);
  }

  /** Attention weights of every layer, each (B, NH, T, T), for the batch's inputs. */
  @Override
  public RecordedAttention recordAttention(Batch batch) {
    int B = batch.batchSize();
    int T = batch.length();
    List<AttentionWeights> out = new ArrayList<>();
    try (var scope = GradMode.noGrad()) {
      for (TransformerBlock block : blocks) {
        block.attention().keepAttentionWeights(true);
      }
      forward(batch.inputs(), B, T);
      for (int l = 0; l < blocks.length; l++) {
        float[] att = blocks[l].attention().attentionWeights(); // (B, NH, T, T)
        out.add(new AttentionWeights(AttentionKind.DECODER, l, B, config.numHeads(), T, T, att));
      }
    } finally {
      for (TransformerBlock block : blocks) {
        block.attention().keepAttentionWeights(false);
      }
    }
    return new RecordedAttention(out);
  }

  // ---- IncrementalDecoder ----

  @Override
  public KvCache newCache(int batchSize) {
    return new KvCache(
        config.numLayers(),
        batchSize,
        config.numHeads(),
        config.contextLength(),
        config.headSize());
  }

  /**
   * Incremental decoding reads bf16 copies of the Linear weights and the head (packed when the next
   * cache is first used; f32 accumulation); the full forward and training stay f32.
   */
  @Override
  public boolean useBf16Weights(boolean on) {
    this.bf16Weights = on;
    return true;
  }

  @Override
  public float[] decode(int[] ids, int B, int T, KvCache cache) {
    return decoder(ids, B, T, cache).decode(ids, B, T, cache, false); // (B, T, V)
  }

  @Override
  public float[] decodeLast(int[] ids, int B, int T, KvCache cache) {
    return decoder(ids, B, T, cache).decode(ids, B, T, cache, true); // (B, V)
  }

  /**
   * Both rows go through each product together (one read of the weights); {@code next} shares the
   * decoder, and so the packed weights, of {@code cache}.
   */
  @Override
  public float[] decodeLastAlong(int id, KvCache cache, KvCache next) {
    int[] one = {id};
    GptDecoder d = decoder(one, 1, 1, cache);
    if (next.workspace() != d) {
      checkDecoding(one, 1, 1, next);
      next.setWorkspace(d);
    }
    return d.decodeAlong(id, cache, next); // (1, V)
  }

  /**
   * True when the decoder packs f32 weights (up to ~32M parameters), whose panel products read the
   * weights once for two rows (the bf16 panel kernel reads them once per row), and when a row's
   * bits do not depend on its neighbours.
   */
  @Override
  public boolean decodesAlongCheaply() {
    return !bf16Weights
        && parameterCount() <= GptDecoder.PACK_MAX_PARAMETERS
        && GptDecoder.rowsAreIndependent(config);
  }

  /**
   * Checks a decoding call and returns the lean decoder kept with the cache (made on first use).
   */
  private GptDecoder decoder(int[] ids, int B, int T, KvCache cache) {
    checkDecoding(ids, B, T, cache);
    if (cache.workspace() instanceof GptDecoder d && d.decodes(this, bf16Weights)) {
      return d;
    }
    GptDecoder d = new GptDecoder(this, B, bf16Weights);
    cache.setWorkspace(d);
    return d;
  }

  private void checkDecoding(int[] ids, int B, int T, KvCache cache) {
    if (cache.batchSize() != B || cache.numLayers() != blocks.length) {
      throw new IllegalArgumentException(
          String.format(
              "gpt: cache is for batch %d and %d layers, the call has batch %d and the model %d"
                  + " layers",
              cache.batchSize(), cache.numLayers(), B, blocks.length));
    }
    Checks.check(
        !isTraining(), "gpt: incremental decoding needs evaluation mode (setTraining(false))");
    checkIds(ids, B, T, cache.length());
  }
}
