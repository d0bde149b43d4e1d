package org.tinyformer.models.handwritten;

import java.util.Arrays;
import org.tinyformer.models.GptConfig;

/**
 * Gradient buffers for the backward pass, allocated once for a (B, T). Backward visits one layer at
 * a time, so one buffer per kind serves every layer; {@code residual} carries the gradient of the
 * residual stream down through the blocks.
 */
final class ActivationGrads {
  final float[] residual; // (B, T, C)
  final float[] ln; // (B, T, C), for ln1, ln2 and lnf in turn
  final float[] qkv; // (B, T, 3C)
  final float[] atty; // (B, T, C)
  final float[] fch; // (B, T, H)
  final float[] fchGelu; // (B, T, H)
  final float[] logits; // (B, T, V)
  final float[] losses; // (B, T)

  ActivationGrads(GptConfig config, int B, int T) {
    int BT = B * T, C = config.embedDim(), H = config.mlpHiddenDim();
    residual = new float[BT * C];
    ln = new float[BT * C];
    qkv = new float[BT * 3 * C];
    atty = new float[BT * C];
    fch = new float[BT * H];
    fchGelu = new float[BT * H];
    logits = new float[BT * config.vocabSize()];
    losses = new float[BT];
  }

  /** Zeroes a buffer before a kernel accumulates (+=) into it. */
  static float[] zeroed(float[] buffer) {
    Arrays.fill(buffer, 0f);
    return buffer;
  }
}
