package org.tinyformer.models.encdec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.optim.AdamW;

/**
 * A small encoder-decoder trained for a few seconds on copy or reverse learns to read the source in
 * order (diagonal cross-attention) or backwards (anti-diagonal), in the mean over heads of its last
 * layer.
 */
@Tag("slow")
class CrossAttentionPatternTest {
  static final int LAYERS = 2;
  static final int STEPS = 400;
  static final int SYMBOLS = 10;
  static final int PAD = 10;
  static final int START = 11;
  static final int END = 12;

  /** Source {@code x PAD..}, decoder input {@code START y PAD..}, targets {@code y END -1..}. */
  static Batch random(Rng rng, int B, int minLen, int maxLen, boolean reverse) {
    int S = maxLen;
    int T = maxLen + 1;
    int[] source = new int[B * S];
    int[] targetIn = new int[B * T];
    int[] targetOut = new int[B * T];
    java.util.Arrays.fill(source, PAD);
    java.util.Arrays.fill(targetIn, PAD);
    java.util.Arrays.fill(targetOut, -1);
    for (int b = 0; b < B; b++) {
      int n = minLen + rng.nextInt(maxLen - minLen + 1);
      targetIn[b * T] = START;
      for (int i = 0; i < n; i++) {
        int x = rng.nextInt(SYMBOLS);
        source[b * S + i] = x;
        int j = reverse ? n - 1 - i : i;
        targetOut[b * T + j] = x;
        targetIn[b * T + j + 1] = x;
      }
      targetOut[b * T + n] = END;
    }
    return new Batch(targetIn, targetOut, B, T, source, S);
  }

  static EncoderDecoder train(boolean reverse, int steps) {
    EncDecConfig config =
        new EncDecConfig(13, 16, LAYERS, 2, 32, 0f, EncDecConfig.Positions.SINUSOIDAL, PAD);
    EncoderDecoder model = new EncoderDecoder(config, new Rng(7));
    AdamW opt = new AdamW(model.namedParameters(), 3e-3f, 0.9f, 0.98f, 1e-8f, 0f);
    Rng rng = new Rng(11);
    for (int step = 0; step < steps; step++) {
      Batch b = random(rng, 32, 4, 7, reverse);
      opt.zeroGrad();
      model.forwardBackward(b);
      opt.step();
    }
    model.train(false);
    return model;
  }

  /** Mean over inputs of the last layer's head-averaged cross-attention mass on the pattern. */
  static double patternMass(EncoderDecoder model, boolean reverse) {
    Rng rng = new Rng(99);
    double total = 0;
    int inputs = 20;
    int n = 6;
    for (int i = 0; i < inputs; i++) {
      Batch b = random(rng, 1, n, n, reverse);
      RecordedAttention r = model.recordAttention(b);
      float[][] w = r.get(AttentionKind.CROSS, model.config().numLayers() - 1).meanOfHeads(0);
      double mass = 0;
      for (int q = 0; q < n; q++) {
        mass += w[q][reverse ? n - 1 - q : q];
      }
      total += mass / n;
    }
    return total / inputs;
  }

  @Test
  void reverseModelAttendsAlongTheAntiDiagonal() {
    EncoderDecoder model = train(true, STEPS);
    assertThat(patternMass(model, true)).isGreaterThanOrEqualTo(0.7);
  }

  @Test
  void copyModelAttendsAlongTheDiagonal() {
    EncoderDecoder model = train(false, STEPS);
    assertThat(patternMass(model, false)).isGreaterThanOrEqualTo(0.7);
  }
}
