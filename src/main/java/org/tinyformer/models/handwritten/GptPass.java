package org.tinyformer.models.handwritten;

import static org.tinyformer.models.handwritten.ActivationGrads.zeroed;
import static org.tinyformer.models.handwritten.GptWeights.data;

import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.attention.AttentionKernel;
import org.tinyformer.kernels.elementwise.ElementwiseKernel;
import org.tinyformer.kernels.elementwise.EmbeddingKernel;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.gemm.MatmulKernel;
import org.tinyformer.kernels.norms.CrossEntropyKernel;
import org.tinyformer.kernels.norms.LayerNormKernel;
import org.tinyformer.models.GptConfig;

/**
 * The hand-written GPT's forward and backward pass over rows [row0, row0 + B) of a batch, like
 * llm.c's {@code gpt2_forward} / {@code gpt2_backward}: every layer is one kernel call on float[]
 * buffers, and {@link #backward} is {@link #forward} read bottom-up, each backward kernel
 * accumulating (+=) into the parameter gradients of {@link #g}. Buffers are allocated once.
 */
final class GptPass {
  private static final int IGNORE_INDEX = -1;
  private final GptConfig config;
  private final GptWeights w;
  private final SliceGrads g; // where this slice's parameter gradients go
  private final Activations acts;
  private final ActivationGrads grads;
  private final int row0, B, T;
  private final int[] inputs; // (B, T) of this slice
  private final int[] targets; // (B, T) of this slice
  private boolean hasTargets; // the last forward had targets

  GptPass(GptConfig config, GptWeights w, SliceGrads g, int row0, int B, int T) {
    this.config = config;
    this.w = w;
    this.g = g;
    this.row0 = row0;
    this.B = B;
    this.T = T;
    this.acts = new Activations(config, B, T);
    this.grads = new ActivationGrads(config, B, T);
    this.inputs = new int[B * T];
    this.targets = new int[B * T];
  }

  /** This slice's attention weights of layer {@code l} (B, NH, T, T) from the last forward. */
  float[] attention(int l) {
    return acts.att[l];
  }

  /** This slice's logits (B, T, V) from the last forward. */
  float[] logits() {
    return acts.logits;
  }

  /**
   * Runs this slice of {@code allInputs} (all rows, T ids each) through the model; with targets
   * returns the sum of the slice's per-token losses (ignored targets count 0), else NaN.
   */
  double forward(int[] allInputs, int[] allTargets) {
    int BT = B * T, C = config.embedDim(), NH = config.numHeads(), H = config.mlpHiddenDim();
    int V = config.vocabSize();
    System.arraycopy(allInputs, row0 * T, inputs, 0, BT);
    hasTargets = allTargets != null;
    if (hasTargets) {
      System.arraycopy(allTargets, row0 * T, targets, 0, BT);
    }
    Activations a = acts;
    // spotless:off
    EmbeddingKernel.forward(a.encoded, inputs, data(w.wte), data(w.wpe), B, T, C); // (B, T, C)
    float[] residual = a.encoded; // (B, T, C)
    for (int l = 0; l < config.numLayers(); l++) {
      LayerNormKernel.forward(a.ln1[l], a.ln1Mean[l], a.ln1Rstd[l], residual, data(w.ln1w[l]), data(w.ln1b[l]), B, T, C); // (B, T, C)
      MatmulKernel.forward(a.qkv[l], a.ln1[l], data(w.qkvw[l]), data(w.qkvb[l]), BT, C, 3 * C); // (B, T, 3C)
      AttentionKernel.forward(a.atty[l], a.att[l], a.qkv[l], B, T, C, NH); // (B, T, C), att (B, NH, T, T)
      MatmulKernel.forward(a.attproj[l], a.atty[l], data(w.attprojw[l]), data(w.attprojb[l]), BT, C, C); // (B, T, C)
      ElementwiseKernel.add(a.residual2[l], residual, a.attproj[l], BT * C); // (B, T, C)
      LayerNormKernel.forward(a.ln2[l], a.ln2Mean[l], a.ln2Rstd[l], a.residual2[l], data(w.ln2w[l]), data(w.ln2b[l]), B, T, C); // (B, T, C)
      MatmulKernel.forward(a.fch[l], a.ln2[l], data(w.fcw[l]), data(w.fcb[l]), BT, C, H); // (B, T, 4C)
      // fch is read again only by GELU's backward, so it is replaced by gelu'(fch) (B, T, 4C)
      GeluKernel.forwardWithDerivative(a.fchGelu[l], a.fch[l], a.fch[l], BT * H); // (B, T, 4C)
      MatmulKernel.forward(a.fcproj[l], a.fchGelu[l], data(w.fcprojw[l]), data(w.fcprojb[l]), BT, H, C); // (B, T, C)
      ElementwiseKernel.add(a.residual3[l], a.residual2[l], a.fcproj[l], BT * C); // (B, T, C)
      residual = a.residual3[l];
    }
    LayerNormKernel.forward(a.lnf, a.lnfMean, a.lnfRstd, residual, data(w.lnfw), data(w.lnfb), B, T, C); // (B, T, C)
    MatmulKernel.forward(a.logits, a.lnf, data(w.wte), null, BT, C, V); // (B, T, V), tied output head
    // spotless:on
    if (!hasTargets) {
      return Double.NaN;
    }
    CrossEntropyKernel.forward(a.losses, a.probs, a.logits, targets, IGNORE_INDEX, BT, V); // (B, T)
    double sum = 0;
    for (int i = 0; i < BT; i++) {
      sum += a.losses[i]; // ignored targets have loss 0
    }
    return sum;
  }

  /**
   * Accumulates the gradient of the batch loss of the last {@link #forward} into {@link #g}, where
   * {@code dloss} is the gradient of that loss with respect to each row's loss (1 / valid targets
   * for the mean): the forward pass, read bottom-up.
   */
  void backward(float dloss) {
    Checks.checkState(hasTargets, "handwritten gpt: backward needs a forward with targets");
    int BT = B * T, C = config.embedDim(), NH = config.numHeads(), H = config.mlpHiddenDim();
    int V = config.vocabSize(), L = config.numLayers();
    Activations a = acts;
    ActivationGrads d = grads;
    // spotless:off
    // forward was: loss = sum of the rows' losses times dloss
    Arrays.fill(d.losses, 0, BT, dloss);
    // forward was: losses, probs = crossEntropy(logits, targets)
    CrossEntropyKernel.backward(zeroed(d.logits), d.losses, a.probs, targets, IGNORE_INDEX, BT, V);
    // forward was: logits = lnf · wteᵀ (tied output head)
    MatmulKernel.backward(d.ln, g.of(w.wte), null, d.logits, a.lnf, data(w.wte), BT, C, V);
    // forward was: lnf = layerNorm(residual3[L-1])
    LayerNormKernel.backward(zeroed(d.residual), g.of(w.lnfw), g.of(w.lnfb), d.ln, a.residual3[L - 1], data(w.lnfw), a.lnfMean, a.lnfRstd, B, T, C);
    for (int l = L - 1; l >= 0; l--) {
      float[] residual = l == 0 ? a.encoded : a.residual3[l - 1];
      // forward was: residual3 = residual2 + fcproj, so both get d.residual as it is;
      // forward was: fcproj = fchGelu · fcprojwᵀ + fcprojb
      MatmulKernel.backward(d.fchGelu, g.of(w.fcprojw[l]), g.of(w.fcprojb[l]), d.residual, a.fchGelu[l], data(w.fcprojw[l]), BT, H, C);
      // forward was: fchGelu = gelu(fch), which left gelu'(fch) in a.fch
      ElementwiseKernel.mul(d.fch, a.fch[l], d.fchGelu, BT * H);
      // forward was: fch = ln2 · fcwᵀ + fcb
      MatmulKernel.backward(d.ln, g.of(w.fcw[l]), g.of(w.fcb[l]), d.fch, a.ln2[l], data(w.fcw[l]), BT, C, H);
      // forward was: ln2 = layerNorm(residual2), so d.residual (of residual2) += its part
      LayerNormKernel.backward(d.residual, g.of(w.ln2w[l]), g.of(w.ln2b[l]), d.ln, a.residual2[l], data(w.ln2w[l]), a.ln2Mean[l], a.ln2Rstd[l], B, T, C);
      // forward was: residual2 = residual + attproj, so both get d.residual as it is;
      // forward was: attproj = atty · attprojwᵀ + attprojb
      MatmulKernel.backward(d.atty, g.of(w.attprojw[l]), g.of(w.attprojb[l]), d.residual, a.atty[l], data(w.attprojw[l]), BT, C, C);
      // forward was: atty, att = causalSelfAttention(qkv)
      AttentionKernel.backward(zeroed(d.qkv), d.atty, a.qkv[l], a.att[l], B, T, C, NH);
      // forward was: qkv = ln1 · qkvwᵀ + qkvb
      MatmulKernel.backward(d.ln, g.of(w.qkvw[l]), g.of(w.qkvb[l]), d.qkv, a.ln1[l], data(w.qkvw[l]), BT, C, 3 * C);
      // forward was: ln1 = layerNorm(residual), so d.residual (of residual) += its part
      LayerNormKernel.backward(d.residual, g.of(w.ln1w[l]), g.of(w.ln1b[l]), d.ln, residual, data(w.ln1w[l]), a.ln1Mean[l], a.ln1Rstd[l], B, T, C);
    }
    // forward was: encoded = wte[inputs] + wpe[positions]
    EmbeddingKernel.backward(g.of(w.wte), g.of(w.wpe), d.residual, inputs, B, T, C);
    // spotless:on
  }
}
