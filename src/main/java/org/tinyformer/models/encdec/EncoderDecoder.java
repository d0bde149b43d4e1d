package org.tinyformer.models.encdec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.nn.Dropout;
import org.tinyformer.nn.Embedding;
import org.tinyformer.nn.LayerNorm;
import org.tinyformer.nn.Linear;
import org.tinyformer.nn.Module;
import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Reduction;
import org.tinyformer.tensor.Tensor;

/**
 * The encoder-decoder transformer of "Attention Is All You Need" (pre-norm): token embeddings
 * scaled by sqrt(C) plus positions, L encoder blocks, L decoder blocks with cross-attention, and an
 * output projection. Usage: {@code float loss = model.forwardBackward(batch);} (the batch's source
 * for the encoder, its inputs and targets for the decoder), then {@link #complete} to decode.
 */
public final class EncoderDecoder extends Module implements TrainableModel {
  private final EncDecConfig config;
  private final Embedding tokens; // (V, C)
  private final Embedding positions; // (contextLength, C), null for sinusoidal
  private final List<EncoderBlock> encoder = new ArrayList<>();
  private final List<DecoderBlock> decoder = new ArrayList<>();
  private final LayerNorm encoderNorm;
  private final LayerNorm decoderNorm;
  private final Linear head; // (V, C)
  private final Dropout dropout;
  private final Rng dropoutRng;
  private List<AttentionWeights> recorded; // non-null while recordAttention runs

  public EncoderDecoder(EncDecConfig config, Rng rng) {
    this.config = config;
    int C = config.embedDim();
    float std = 0.02f;
    this.dropoutRng = rng.fork();
    float residualStd = (float) (0.02 / Math.sqrt(3.0 * config.numLayers()));
    float embedStd = (float) (1.0 / Math.sqrt(C));
    this.tokens = child("tokens", new Embedding(config.vocabSize(), C, rng, embedStd));
    this.positions =
        config.positions() == EncDecConfig.Positions.LEARNED
            ? child("positions", new Embedding(config.contextLength(), C, rng, embedStd))
            : null;
    for (int l = 0; l < config.numLayers(); l++) {
      encoder.add(child("encoder." + l, new EncoderBlock(config, l, rng, dropoutRng, residualStd)));
    }
    this.encoderNorm = child("encoder_norm", new LayerNorm(C, true));
    for (int l = 0; l < config.numLayers(); l++) {
      decoder.add(child("decoder." + l, new DecoderBlock(config, l, rng, dropoutRng, residualStd)));
    }
    this.decoderNorm = child("decoder_norm", new LayerNorm(C, true));
    this.head = child("head", new Linear(C, config.vocabSize(), true, rng, std));
    this.dropout = child("dropout", new Dropout(config.dropout(), dropoutRng));
  }

  @Override
  public EncDecConfig config() {
    return config;
  }

  @Override
  public int vocabSize() {
    return config.vocabSize();
  }

  @Override
  public int contextLength() {
    return config.contextLength();
  }

  @Override
  public Map<String, Tensor> parameters() {
    return namedParameters();
  }

  @Override
  public void setTraining(boolean training) {
    train(training);
  }

  @Override
  public Map<String, Rng> randomGenerators() {
    return Map.of("dropout", dropoutRng);
  }

  /** Token embeddings times sqrt(C) plus positions: (B, T, C). */
  Tensor embed(int[] ids, int B, int T) {
    int C = config.embedDim();
    Checks.check(
        ids.length == B * T,
        "encdec: expected %d ids for (B, T) = (%d, %d), got %d",
        B * T,
        B,
        T,
        ids.length);
    Tensor x = tokens.forward(ids, B, T).mul((float) Math.sqrt(C)); // (B, T, C)
    Tensor pos;
    if (positions == null) {
      pos = SinusoidalPositions.table(T, C); // (T, C)
    } else {
      Checks.check(
          T <= config.contextLength(),
          "encdec: sequence has %d tokens but contextLength is %d (learned positions)",
          T,
          config.contextLength());
      int[] index = new int[T];
      for (int t = 0; t < T; t++) {
        index[t] = t;
      }
      pos = positions.forward(index, T).mul((float) Math.sqrt(C)); // (T, C)
    }
    return dropout.forward(x.add(pos)); // (B, T, C)
  }

  /** 1 where {@code source} is padding, shaped (B, S). */
  public Tensor paddingMask(int[] source, int B, int S) {
    float[] m = new float[B * S];
    for (int i = 0; i < m.length; i++) {
      m[i] = source[i] == config.padId() ? 1f : 0f;
    }
    return Tensor.of(m, B, S); // (B, S)
  }

  /** Runs the encoder over {@code source} (B, S) and caches what the decoder needs. */
  public EncoderMemory encode(int[] source, int B, int S) {
    Tensor padding = paddingMask(source, B, S); // (B, S)
    Tensor x = embed(source, B, S); // (B, S, C)
    for (EncoderBlock block : encoder) {
      x = block.forward(x, padding, recorded); // (B, S, C)
    }
    Tensor memory = encoderNorm.forward(x); // (B, S, C)
    Tensor[] kv = new Tensor[decoder.size()];
    for (int l = 0; l < kv.length; l++) {
      kv[l] = decoder.get(l).crossKeysValues(memory); // (B, S, 2C)
    }
    return new EncoderMemory(memory, padding, kv);
  }

  /** Logits (B, T, V) for the decoder input {@code targetIn} (B, T) given the encoder memory. */
  public Tensor decode(int[] targetIn, int B, int T, EncoderMemory memory) {
    Tensor x = embed(targetIn, B, T); // (B, T, C)
    for (int l = 0; l < decoder.size(); l++) {
      x = decoder.get(l).forward(x, memory.crossKeysValues()[l], memory.padding(), recorded);
    }
    return head.forward(decoderNorm.forward(x)); // (B, T, V)
  }

  /** Mean cross-entropy of the teacher-forced batch; targets equal to -1 are ignored. */
  public Tensor lossTensor(int[] source, int[] targetIn, int[] targetOut, int B, int S, int T) {
    Tensor logits = decode(targetIn, B, T, encode(source, B, S)); // (B, T, V)
    return Functional.crossEntropy(logits, targetOut, -1, Reduction.MEAN); // ()
  }

  /**
   * Forward and backward on one teacher-forced batch (source, decoder inputs, targets): accumulates
   * parameter gradients and returns the mean loss.
   */
  @Override
  public float forwardBackward(Batch b) {
    Tensor loss = lossTensor(b);
    loss.backward();
    return loss.item();
  }

  /** The loss without gradients. */
  @Override
  public float loss(Batch b) {
    try (var scope = GradMode.noGrad()) {
      return lossTensor(b).item();
    }
  }

  private Tensor lossTensor(Batch b) {
    Checks.check(b.hasSource(), "encdec: a batch needs a source for the encoder");
    return lossTensor(
        b.source(), b.inputs(), b.targets(), b.batchSize(), b.sourceLength(), b.length());
  }

  /** Greedy decoding of every row's source from its decoder prompt ({@link GreedyDecoder}). */
  @Override
  public int[][] complete(Batch prompts, int maxNew, int endId) {
    return new GreedyDecoder(this, endId).decode(prompts, maxNew);
  }

  /**
   * Runs one teacher-forced forward pass without gradients and returns every attention's weights
   * per layer and head (encoder self, decoder self, cross).
   */
  @Override
  public RecordedAttention recordAttention(Batch b) {
    Checks.check(b.hasSource(), "encdec: a batch needs a source for the encoder");
    recorded = new ArrayList<>();
    try (var scope = GradMode.noGrad()) {
      int B = b.batchSize();
      decode(b.inputs(), B, b.length(), encode(b.source(), B, b.sourceLength()));
      return new RecordedAttention(recorded);
    } finally {
      recorded = null;
    }
  }
}
