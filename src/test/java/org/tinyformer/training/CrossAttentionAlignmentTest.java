package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.models.encdec.EncDecConfig;
import org.tinyformer.models.encdec.EncoderDecoder;

class CrossAttentionAlignmentTest {
  /** (n + 1, n): one-hot rows on {@code key(i)} for the n outputs, then an END row. */
  private static float[][] oneHot(int n, java.util.function.IntUnaryOperator key) {
    float[][] w = new float[n + 1][n];
    for (int i = 0; i < n; i++) {
      w[i][key.applyAsInt(i)] = 1f;
    }
    w[n][0] = 1f;
    return w;
  }

  @Test
  void perfectPatternsHaveMassOneAndTheWrongOneLittle() {
    float[][] anti = oneHot(5, i -> 4 - i);
    assertThat(CrossAttentionAlignment.mass(anti, TaskKind.REVERSE, 5, 5)).isEqualTo(1.0);
    assertThat(CrossAttentionAlignment.mass(anti, TaskKind.COPY, 5, 5)).isEqualTo(0.2);
    float[][] diag = oneHot(5, i -> i);
    assertThat(CrossAttentionAlignment.mass(diag, TaskKind.COPY, 5, 5)).isEqualTo(1.0);
  }

  @Test
  void uniformAttentionHasMassOneOverLength() {
    float[][] w = new float[4][4];
    for (float[] row : w) {
      java.util.Arrays.fill(row, 0.25f);
    }
    assertThat(CrossAttentionAlignment.mass(w, TaskKind.REVERSE, 4, 4))
        .isCloseTo(0.25, within(1e-6));
  }

  @Test
  void rowsBeyondTheTargetLengthAreNotCounted() {
    float[][] w = oneHot(3, i -> i);
    assertThat(CrossAttentionAlignment.mass(w, TaskKind.COPY, 3, 7)).isEqualTo(1.0);
    assertThat(CrossAttentionAlignment.mass(w, TaskKind.COPY, 3, 0)).isZero();
  }

  @Test
  void massPerLayerAveragesRowsOfAPaddedBatchBetweenZeroAndOne() {
    TrainConfig config = TrainConfig.preset("reverse").with(List.of("model.source_end=true"));
    TaskData data = new TaskData(config.task(), config.model());
    EncDecConfig c = new EncDecConfig(15, 16, 2, 2, 16, 0f, EncDecConfig.Positions.SINUSOIDAL, 0);
    EncoderDecoder model = new EncoderDecoder(c, new Rng(3));
    List<TaskExample> examples = data.splits().heldOut().subList(0, 10);
    double[] mass =
        CrossAttentionAlignment.massPerLayer(model, data, TaskKind.REVERSE, examples, 4);
    assertThat(mass).hasSize(2);
    for (double m : mass) {
      assertThat(m).isBetween(0.05, 0.5); // untrained: close to uniform over 3-10 inputs
    }
    assertThat(CrossAttentionAlignment.describe(TaskKind.REVERSE, mass, 10))
        .startsWith(
            "cross-attention mass on the anti-diagonal (mean of heads, 10 examples): layer 0 ");
  }

  @Test
  void sortAndAddHaveNoPattern() {
    assertThat(CrossAttentionAlignment.hasPattern(TaskKind.SORT)).isFalse();
    assertThat(CrossAttentionAlignment.hasPattern(TaskKind.DUPLICATE)).isTrue();
    assertThatThrownBy(() -> CrossAttentionAlignment.patternName(TaskKind.ADD))
        .hasMessage("attention alignment: add has no pattern");
  }
}
