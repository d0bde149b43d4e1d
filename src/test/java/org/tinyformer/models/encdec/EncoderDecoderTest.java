package org.tinyformer.models.encdec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.optim.AdamW;
import org.tinyformer.tensor.Tensor;

class EncoderDecoderTest {
  static final int PAD = 10;
  static final int START = 11;
  static final int END = 12;

  static EncoderDecoder tiny(EncDecConfig.Positions positions) {
    return new EncoderDecoder(new EncDecConfig(13, 16, 2, 2, 16, 0f, positions, PAD), new Rng(3));
  }

  @Test
  void everyAttentionIsRecordedPerLayerAndHeadAndRowsSumToOne() {
    EncoderDecoder model = tiny(EncDecConfig.Positions.SINUSOIDAL);
    int[] source = {1, 2, 3, END, 4, 5, END, PAD}; // (2, 4)
    int[] targetIn = {START, 3, 2, START, 5, 4}; // (2, 3)
    RecordedAttention r = model.recordAttention(new Batch(targetIn, new int[6], 2, 3, source, 4));
    assertThat(r.layers()).hasSize(6); // 2 encoder + 2 decoder self + 2 cross
    AttentionWeights cross = r.get(AttentionKind.CROSS, 1);
    assertThat(cross.NH()).isEqualTo(2);
    assertThat(cross.Tq()).isEqualTo(3);
    assertThat(cross.Tk()).isEqualTo(4);
    for (AttentionWeights w : r.layers()) {
      for (int b = 0; b < 2; b++) {
        for (float[] row : w.head(b, 1)) {
          float sum = 0;
          for (float v : row) {
            sum += v;
          }
          assertThat(sum).isCloseTo(1f, within(1e-4f));
        }
      }
    }
  }

  @Test
  void paddedKeysAndFutureTokensGetNoWeight() {
    EncoderDecoder model = tiny(EncDecConfig.Positions.LEARNED);
    int[] source = {1, 2, 3, END, 4, 5, END, PAD};
    int[] targetIn = {START, 3, 2, START, 5, 4};
    RecordedAttention r = model.recordAttention(new Batch(targetIn, new int[6], 2, 3, source, 4));
    float[][] cross = r.get(AttentionKind.CROSS, 0).head(1, 0);
    float[][] enc = r.get(AttentionKind.ENCODER, 1).head(1, 1);
    for (int q = 0; q < 3; q++) {
      assertThat(cross[q][3]).isLessThan(1e-6f);
      assertThat(enc[q][3]).isLessThan(1e-6f);
    }
    float[][] self = r.get(AttentionKind.DECODER, 0).head(0, 0);
    assertThat(self[0][1]).isLessThan(1e-6f);
    assertThat(self[1][2]).isLessThan(1e-6f);
    assertThat(self[0][0]).isCloseTo(1f, within(1e-5f));
  }

  @Test
  void overfitsOneBatchAndDecodesItGreedily() {
    EncoderDecoder model = tiny(EncDecConfig.Positions.SINUSOIDAL);
    int[] source = {1, 2, 3, END, 4, 5, END, PAD};
    int[] targetIn = {START, 3, 2, 1, START, 5, 4, PAD};
    int[] targetOut = {3, 2, 1, END, 5, 4, END, -1};
    AdamW opt = new AdamW(model.namedParameters(), 1e-2f, 0.9f, 0.98f, 1e-8f, 0f);
    Batch batch = new Batch(targetIn, targetOut, 2, 4, source, 4);
    float first = model.loss(batch);
    float loss = first;
    for (int i = 0; i < 60; i++) {
      opt.zeroGrad();
      loss = model.forwardBackward(batch);
      opt.step();
    }
    assertThat(loss).isLessThan(0.05f * first);
    model.train(false);
    Batch prompts = new Batch(new int[] {START, START}, new int[2], 2, 1, source, 4);
    int[][] out = model.complete(prompts, 6, END);
    assertThat(out[0]).containsExactly(3, 2, 1);
    assertThat(out[1]).containsExactly(5, 4);
  }

  @Test
  void learnedPositionsRejectSequencesLongerThanTheContext() {
    EncoderDecoder model = tiny(EncDecConfig.Positions.LEARNED);
    assertThatThrownBy(() -> model.encode(new int[17], 1, 17))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("encdec: sequence has 17 tokens but contextLength is 16 (learned positions)");
  }

  @Test
  void sinusoidalTableMatchesThePaper() {
    Tensor pe = SinusoidalPositions.table(5, 8); // (5, 8)
    assertThat(pe.get(0, 0)).isEqualTo(0f);
    assertThat(pe.get(0, 1)).isEqualTo(1f);
    assertThat(pe.get(3, 2))
        .isCloseTo((float) Math.sin(3 / Math.pow(10000, 2.0 / 8)), within(1e-6f));
    assertThat(pe.get(3, 3))
        .isCloseTo((float) Math.cos(3 / Math.pow(10000, 2.0 / 8)), within(1e-6f));
  }

  @Test
  void configNamesTheBadField() {
    assertThatThrownBy(
            () -> new EncDecConfig(13, 16, 2, 3, 16, 0f, EncDecConfig.Positions.LEARNED, PAD))
        .hasMessage("encdec config: embedDim (16) must be divisible by numHeads (3)");
    assertThatThrownBy(
            () -> new EncDecConfig(13, 16, 2, 2, 16, 0f, EncDecConfig.Positions.LEARNED, 13))
        .hasMessage("encdec config: padId must be in [0, vocabSize = 13), got 13");
  }

  @Test
  void parameterCountMatchesTheAllocatedTensors() {
    for (EncDecConfig.Positions p : EncDecConfig.Positions.values()) {
      EncoderDecoder model = tiny(p);
      long allocated = model.parameters().values().stream().mapToLong(Tensor::numel).sum();
      assertThat(model.config().parameterCount()).as(p.toString()).isEqualTo(allocated);
    }
  }
}
