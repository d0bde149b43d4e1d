package org.tinyformer.models.handwritten;

import static org.tinyformer.models.handwritten.ActivationGrads.zeroed;
import static org.tinyformer.models.handwritten.GptWeights.data;
import static org.tinyformer.models.handwritten.GptWeights.grad;

import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.AttentionKernel;
import org.tinyformer.kernels.CrossEntropyKernel;
import org.tinyformer.kernels.Elementwise;
import org.tinyformer.kernels.EmbeddingKernel;
import org.tinyformer.kernels.GeluKernel;
import org.tinyformer.kernels.LayerNormKernel;
import org.tinyformer.kernels.MatmulKernel;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * The GPT-2 architecture with explicit forward and backward passes on float[] buffers, like llm.c's
 * {@code train_gpt2.c}: every layer is a kernel call, and {@link #backward} is {@link #forward}
 * read bottom-up, each backward kernel accumulating into the parameter gradients. Buffers are
 * allocated once per (B, T) and reused, so a training step allocates nothing.
 *
 * <p>{@code var m = new HandwrittenGpt(GptConfig.preset("shakespeare-char"), new Rng(1337));}
 */
public final class HandwrittenGpt implements LanguageModel {
  private static final int IGNORE_INDEX = -1;
  private final GptConfig config;
  private final GptWeights w;
  private Activations acts; // for the last (B, T); reallocated when it changes
  private ActivationGrads grads;
  private int[] inputs; // (B, T) of the last forward
  private int[] targets; // (B, T) of the last forward, or null
  private int validTargets; // targets that are not IGNORE_INDEX

  /** A model initialised exactly as {@code new Gpt(config, rng)} would be. */
  public HandwrittenGpt(GptConfig config, Rng rng) {
    Checks.check(
        config.norm() == GptConfig.Norm.LAYER
            && config.positions() == GptConfig.Positions.LEARNED
            && config.mlp() == GptConfig.MlpKind.GELU,
        "handwritten gpt: only the GPT-2 architecture (layer norm, learned positions, GELU) is"
            + " hand-written; use --model gpt or modern for %s",
        config);
    Checks.check(
        config.dropout() == 0f,
        "handwritten gpt: dropout must be 0, got %s (dropout is on the autograd model only)",
        config.dropout());
    this.config = config;
    this.w = new GptWeights(config, rng);
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
    float loss = forward(inputs, targets, B, T);
    backward();
    return loss;
  }

  @Override
  public float loss(int[] inputs, int[] targets, int B, int T) {
    return forward(inputs, targets, B, T);
  }

  @Override
  public float[] logits(int[] inputs, int B, int T) {
    forward(inputs, null, B, T);
    return acts.logits.clone();
  }

  /** Runs the model; with targets returns the mean cross-entropy over non-ignored targets. */
  float forward(int[] inputs, int[] targets, int B, int T) {
    check(inputs, targets, B, T);
    ensureBuffers(B, T);
    this.inputs = inputs;
    this.targets = targets;
    int C = config.embedDim(), NH = config.numHeads(), H = config.mlpHiddenDim();
    int V = config.vocabSize(), BT = B * T;
    Activations a = acts;
    EmbeddingKernel.forward(a.encoded, inputs, data(w.wte), data(w.wpe), B, T, C);
    float[] residual = a.encoded; // (B, T, C)
    for (int l = 0; l < config.numLayers(); l++) {
      LayerNormKernel.forward(
          a.ln1[l],
          a.ln1Mean[l],
          a.ln1Rstd[l],
          residual,
          data(w.ln1w[l]),
          data(w.ln1b[l]),
          B,
          T,
          C);
      MatmulKernel.forward(a.qkv[l], a.ln1[l], data(w.qkvw[l]), data(w.qkvb[l]), BT, C, 3 * C);
      AttentionKernel.forward(a.atty[l], a.att[l], a.qkv[l], B, T, C, NH);
      MatmulKernel.forward(
          a.attproj[l], a.atty[l], data(w.attprojw[l]), data(w.attprojb[l]), BT, C, C);
      Elementwise.add(a.residual2[l], residual, a.attproj[l], BT * C);
      LayerNormKernel.forward(
          a.ln2[l],
          a.ln2Mean[l],
          a.ln2Rstd[l],
          a.residual2[l],
          data(w.ln2w[l]),
          data(w.ln2b[l]),
          B,
          T,
          C);
      MatmulKernel.forward(a.fch[l], a.ln2[l], data(w.fcw[l]), data(w.fcb[l]), BT, C, H);
      GeluKernel.forward(a.fchGelu[l], a.fch[l], BT * H);
      MatmulKernel.forward(
          a.fcproj[l], a.fchGelu[l], data(w.fcprojw[l]), data(w.fcprojb[l]), BT, H, C);
      Elementwise.add(a.residual3[l], a.residual2[l], a.fcproj[l], BT * C);
      residual = a.residual3[l];
    }
    LayerNormKernel.forward(
        a.lnf, a.lnfMean, a.lnfRstd, residual, data(w.lnfw), data(w.lnfb), B, T, C);
    MatmulKernel.forward(a.logits, a.lnf, data(w.wte), null, BT, C, V); // tied output head
    if (targets == null) {
      return Float.NaN;
    }
    CrossEntropyKernel.forward(a.losses, a.probs, a.logits, targets, IGNORE_INDEX, BT, V);
    double sum = 0;
    for (int i = 0; i < BT; i++) {
      sum += a.losses[i];
    }
    return (float) (sum / validTargets);
  }

  /**
   * Accumulates the gradient of the mean loss of the last {@link #forward} into every parameter's
   * {@code grad}: the forward pass, read bottom-up.
   */
  void backward() {
    Checks.checkState(targets != null, "handwritten gpt: backward needs a forward with targets");
    int B = acts.B, T = acts.T, C = config.embedDim(), NH = config.numHeads();
    int H = config.mlpHiddenDim(), V = config.vocabSize(), BT = B * T, L = config.numLayers();
    Activations a = acts;
    ActivationGrads d = grads;
    // forward was: loss = mean of losses over the valid rows
    java.util.Arrays.fill(d.losses, 0, BT, 1f / validTargets);
    // forward was: losses, probs = crossEntropy(logits, targets)
    CrossEntropyKernel.backward(zeroed(d.logits), d.losses, a.probs, targets, IGNORE_INDEX, BT, V);
    // forward was: logits = lnf · wteᵀ
    MatmulKernel.backward(zeroed(d.ln), grad(w.wte), null, d.logits, a.lnf, data(w.wte), BT, C, V);
    // forward was: lnf = layerNorm(residual3[L-1])
    float[] residualLast = a.residual3[L - 1];
    LayerNormKernel.backward(
        zeroed(d.residual),
        grad(w.lnfw),
        grad(w.lnfb),
        d.ln,
        residualLast,
        data(w.lnfw),
        a.lnfMean,
        a.lnfRstd,
        B,
        T,
        C);
    for (int l = L - 1; l >= 0; l--) {
      float[] residual = l == 0 ? a.encoded : a.residual3[l - 1];
      // forward was: residual3 = residual2 + fcproj, so both get d.residual as it is
      MatmulKernel.backward(
          zeroed(d.fchGelu),
          grad(w.fcprojw[l]),
          grad(w.fcprojb[l]),
          d.residual,
          a.fchGelu[l],
          data(w.fcprojw[l]),
          BT,
          H,
          C);
      GeluKernel.backward(zeroed(d.fch), a.fch[l], d.fchGelu, BT * H);
      MatmulKernel.backward(
          zeroed(d.ln), grad(w.fcw[l]), grad(w.fcb[l]), d.fch, a.ln2[l], data(w.fcw[l]), BT, C, H);
      LayerNormKernel.backward(
          d.residual,
          grad(w.ln2w[l]),
          grad(w.ln2b[l]),
          d.ln,
          a.residual2[l],
          data(w.ln2w[l]),
          a.ln2Mean[l],
          a.ln2Rstd[l],
          B,
          T,
          C);
      // forward was: residual2 = residual + attproj, so both get d.residual as it is
      MatmulKernel.backward(
          zeroed(d.atty),
          grad(w.attprojw[l]),
          grad(w.attprojb[l]),
          d.residual,
          a.atty[l],
          data(w.attprojw[l]),
          BT,
          C,
          C);
      AttentionKernel.backward(zeroed(d.qkv), d.atty, a.qkv[l], a.att[l], B, T, C, NH);
      MatmulKernel.backward(
          zeroed(d.ln),
          grad(w.qkvw[l]),
          grad(w.qkvb[l]),
          d.qkv,
          a.ln1[l],
          data(w.qkvw[l]),
          BT,
          C,
          3 * C);
      LayerNormKernel.backward(
          d.residual,
          grad(w.ln1w[l]),
          grad(w.ln1b[l]),
          d.ln,
          residual,
          data(w.ln1w[l]),
          a.ln1Mean[l],
          a.ln1Rstd[l],
          B,
          T,
          C);
    }
    // forward was: encoded = wte[inputs] + wpe[positions]
    EmbeddingKernel.backward(grad(w.wte), grad(w.wpe), d.residual, inputs, B, T, C);
  }

  private void ensureBuffers(int B, int T) {
    if (acts == null || acts.B != B || acts.T != T) {
      acts = new Activations(config, B, T);
      grads = new ActivationGrads(config, B, T);
    }
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
