package org.tinyformer.models.handwritten;

import org.tinyformer.models.GptConfig;

/**
 * Every buffer the forward pass writes and the backward pass reads, allocated once for a (B, T) and
 * reused across steps (llm.c's {@code ActivationTensors}). Per-layer buffers are arrays indexed by
 * layer.
 */
final class Activations {
  final int B, T;
  final float[] encoded; // (B, T, C)
  final float[][] ln1; // (L)(B, T, C)
  final float[][] ln1Mean, ln1Rstd; // (L)(B, T)
  final float[][] qkv; // (L)(B, T, 3C)
  final float[][] atty; // (L)(B, T, C)
  final float[][] att; // (L)(B, NH, T, T)
  final float[][] attproj; // (L)(B, T, C)
  final float[][] residual2; // (L)(B, T, C)
  final float[][] ln2; // (L)(B, T, C)
  final float[][] ln2Mean, ln2Rstd; // (L)(B, T)
  final float[][] fch; // (L)(B, T, 4C) the fc output, replaced by gelu'(fc output) by GELU
  final float[][] fchGelu; // (L)(B, T, 4C)
  final float[][] fcproj; // (L)(B, T, C)
  final float[][] residual3; // (L)(B, T, C)
  final float[] lnf; // (B, T, C)
  final float[] lnfMean, lnfRstd; // (B, T)
  final float[] logits; // (B, T, V)
  final float[] probs; // (B, T, V)
  final float[] losses; // (B, T)

  /** Buffers for a batch of B rows of T tokens. */
  Activations(GptConfig config, int B, int T) {
    this.B = B;
    this.T = T;
    int C = config.embedDim(), L = config.numLayers(), NH = config.numHeads();
    int H = config.mlpHiddenDim(), V = config.vocabSize();
    int BT = B * T;
    encoded = new float[BT * C];
    ln1 = new float[L][BT * C];
    ln1Mean = new float[L][BT];
    ln1Rstd = new float[L][BT];
    qkv = new float[L][BT * 3 * C];
    atty = new float[L][BT * C];
    att = new float[L][B * NH * T * T];
    attproj = new float[L][BT * C];
    residual2 = new float[L][BT * C];
    ln2 = new float[L][BT * C];
    ln2Mean = new float[L][BT];
    ln2Rstd = new float[L][BT];
    fch = new float[L][BT * H];
    fchGelu = new float[L][BT * H];
    fcproj = new float[L][BT * C];
    residual3 = new float[L][BT * C];
    lnf = new float[BT * C];
    lnfMean = new float[BT];
    lnfRstd = new float[BT];
    logits = new float[BT * V];
    probs = new float[BT * V];
    losses = new float[BT];
  }
}
