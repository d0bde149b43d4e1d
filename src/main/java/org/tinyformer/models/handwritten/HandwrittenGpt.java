package org.tinyformer.models.handwritten;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.tensor.SliceGradients;
import org.tinyformer.tensor.Tensor;

/**
 * The GPT-2 architecture with explicit forward and backward passes on float[] buffers, like llm.c's
 * {@code train_gpt2.c}; the layer-by-layer listing is {@link GptPass}. This class splits a batch
 * into slices of rows, one per thread, runs a pass on each and sums their gradients. Buffers are
 * allocated once per (B, T) and reused, so a training step allocates nothing.
 *
 * <p>{@code var m = new HandwrittenGpt(GptConfig.preset("shakespeare-char"), new Rng(1337));}
 */
public final class HandwrittenGpt implements LanguageModel {
  private static final int IGNORE_INDEX = -1;
  private final GptConfig config;
  private final GptWeights w;
  private final int maxSlices; // the batch is split into at most this many slices
  private List<GptPass> passes; // one per slice of the batch, for the last (B, T)
  private int batch, context; // the (B, T) the passes were built for
  private double[] sliceLoss; // each slice's summed loss from the last forward
  private Runnable reduceGradients; // adds the slices' private gradients to the parameters'
  private int validTargets; // targets that are not IGNORE_INDEX

  /** A model initialised exactly as {@code new Gpt(config, rng)} would be. */
  public HandwrittenGpt(GptConfig config, Rng rng) {
    this(config, rng, Parallel.threads());
  }

  /** As above, splitting a batch into at most {@code maxSlices} slices (1: never). */
  HandwrittenGpt(GptConfig config, Rng rng, int maxSlices) {
    Checks.check(
        config.norm() == GptConfig.Norm.LAYER
            && config.positions() == GptConfig.Positions.LEARNED
            && config.mlp() == GptConfig.MlpKind.GELU,
        "handwritten gpt: only the GPT-2 architecture (layer norm, learned positions, GELU) is"
            + " hand-written; use --model gpt or modern for %s",
        config);
    Checks.check(
        !config.untiedHead(),
        "handwritten gpt: the output head is tied to wte here; use --model gpt for an untied head");
    Checks.check(
        config.dropout() == 0f,
        "handwritten gpt: dropout must be 0, got %s (dropout is on the autograd model only)",
        config.dropout());
    Checks.check(maxSlices >= 1, "handwritten gpt: maxSlices must be >= 1, got %d", maxSlices);
    this.config = config;
    this.w = new GptWeights(config, rng);
    this.maxSlices = maxSlices;
  }

  @Override
  public GptConfig config() {
    return config;
  }

  @Override
  public Map<String, Tensor> parameters() {
    return w.byName();
  }

  @Override
  public void setTraining(boolean training) {
    // no dropout, so training and evaluation compute the same thing
  }

  @Override
  public float forwardBackward(int[] inputs, int[] targets, int B, int T) {
    return forwardAndBackward(inputs, targets, B, T);
  }

  @Override
  public float loss(int[] inputs, int[] targets, int B, int T) {
    return forward(inputs, targets, B, T);
  }

  @Override
  public float[] logits(int[] inputs, int B, int T) {
    forward(inputs, null, B, T);
    int V = config.vocabSize();
    float[] out = new float[B * T * V]; // (B, T, V)
    int n = B / passes.size() * T * V; // floats of one slice's logits
    for (int s = 0; s < passes.size(); s++) {
      System.arraycopy(passes.get(s).logits(), 0, out, s * n, n);
    }
    return out;
  }

  /**
   * Attention weights of every layer, each (B, NH, T, T): the softmax the forward keeps for its
   * backward, gathered from the slices in row order.
   */
  @Override
  public RecordedAttention recordAttention(Batch batch) {
    int B = batch.batchSize();
    int T = batch.length();
    forward(batch.inputs(), null, B, T);
    int NH = config.numHeads();
    int n = B / passes.size() * NH * T * T; // floats of one slice's weights
    List<AttentionWeights> out = new ArrayList<>();
    for (int l = 0; l < config.numLayers(); l++) {
      float[] att = new float[B * NH * T * T]; // (B, NH, T, T)
      for (int s = 0; s < passes.size(); s++) {
        System.arraycopy(passes.get(s).attention(l), 0, att, s * n, n);
      }
      out.add(new AttentionWeights(AttentionKind.DECODER, l, B, NH, T, T, att));
    }
    return new RecordedAttention(out);
  }

  /** Runs the model; with targets returns the mean cross-entropy over non-ignored targets. */
  float forward(int[] inputs, int[] targets, int B, int T) {
    check(inputs, targets, B, T);
    ensurePasses(B, T);
    Parallel.forRange(passes.size(), 1, (s0, s1) -> forwardSlices(s0, s1, inputs, targets));
    return targets == null ? Float.NaN : meanLoss();
  }

  /**
   * Accumulates the gradient of the mean loss of the last {@link #forward} into every parameter's
   * {@code grad}: each slice's backward, then the sum of the slices' gradients.
   */
  void backward() {
    Checks.checkState(passes != null, "handwritten gpt: backward needs a forward with targets");
    float dloss = 1f / validTargets;
    Parallel.forRange(passes.size(), 1, (s0, s1) -> backwardSlices(s0, s1, dloss));
    reduceGradients.run();
  }

  /** Forward and backward in one parallel region: each thread keeps its slice in its caches. */
  private float forwardAndBackward(int[] inputs, int[] targets, int B, int T) {
    check(inputs, targets, B, T);
    Checks.check(targets != null, "handwritten gpt: training needs targets");
    ensurePasses(B, T);
    float dloss = 1f / validTargets;
    Parallel.forRange(
        passes.size(),
        1,
        (s0, s1) -> {
          forwardSlices(s0, s1, inputs, targets);
          backwardSlices(s0, s1, dloss);
        });
    reduceGradients.run();
    return meanLoss();
  }

  private void forwardSlices(int s0, int s1, int[] inputs, int[] targets) {
    for (int s = s0; s < s1; s++) {
      sliceLoss[s] = passes.get(s).forward(inputs, targets);
    }
  }

  private void backwardSlices(int s0, int s1, float dloss) {
    for (int s = s0; s < s1; s++) {
      passes.get(s).backward(dloss);
    }
  }

  private float meanLoss() {
    double sum = 0;
    for (double loss : sliceLoss) {
      sum += loss;
    }
    return (float) (sum / validTargets);
  }

  /**
   * Splits the batch into equal slices of rows, one per kernel thread (the largest divisor of B up
   * to {@link #maxSlices}), one {@link GptPass} each, so that each thread runs a whole forward and
   * backward on its own rows, its kernels single-threaded, like data-parallel training on several
   * GPUs; the first slice writes the parameters' gradients, the others private buffers added
   * afterwards. With one slice the kernels split each operation across the threads instead.
   */
  private void ensurePasses(int B, int T) {
    if (passes != null && batch == B && context == T) {
      return;
    }
    int slices = SliceGradients.sliceCount(B, maxSlices);
    int rows = B / slices;
    List<GptPass> created = new ArrayList<>();
    SliceGradients gradients = new SliceGradients(w.byName().values(), slices);
    for (int s = 0; s < slices; s++) {
      created.add(new GptPass(config, w, new SliceGrads(gradients, s), s * rows, rows, T));
    }
    passes = created;
    sliceLoss = new double[slices];
    reduceGradients = gradients::reduce;
    batch = B;
    context = T;
  }

  private void check(int[] inputs, int[] targets, int B, int T) {
    Checks.check(B > 0 && T > 0, "handwritten gpt: B and T must be positive, got B %d, T %d", B, T);
    Checks.check(
        T <= config.contextLength(),
        "handwritten gpt: sequence has %d tokens but contextLength is %d",
        T,
        config.contextLength());
    Checks.check(
        inputs.length == B * T,
        "handwritten gpt: ids has %d tokens but B * T is %d (B %d, T %d)",
        inputs.length,
        B * T,
        B,
        T);
    int V = config.vocabSize();
    for (int i = 0; i < inputs.length; i++) {
      Checks.check(
          inputs[i] >= 0 && inputs[i] < V,
          "handwritten gpt: token id %d at position %d is outside the vocabulary [0, %d)",
          inputs[i],
          i,
          V);
    }
    if (targets != null) {
      Checks.check(
          targets.length == B * T,
          "handwritten gpt: targets has %d ids but B * T is %d",
          targets.length,
          B * T);
      validTargets = 0;
      for (int target : targets) {
        Checks.check(
            target == IGNORE_INDEX || (target >= 0 && target < V),
            "handwritten gpt: target %d is outside the vocabulary [0, %d)",
            target,
            V);
        validTargets += target == IGNORE_INDEX ? 0 : 1;
      }
      Checks.check(validTargets > 0, "handwritten gpt: every target is ignored (-1)");
    }
  }
}
