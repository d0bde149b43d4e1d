package org.tinyformer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  @Test
  void cosineWarmsUpThenDecaysToMinLikeNanoGpt() {
    LrSchedule s = LrSchedule.of("cosine", 1e-3f, 1e-4f, 100, 2000);
    assertThat(s.lr(0)).isCloseTo(1e-3f / 101, within(1e-9f));
    assertThat(s.lr(99)).isCloseTo(1e-3f * 100 / 101, within(1e-9f));
    assertThat(s.lr(100)).isCloseTo(1e-3f, within(1e-9f));
    assertThat(s.lr(1050)).isCloseTo(5.5e-4f, within(1e-8f));
    assertThat(s.lr(2000)).isEqualTo(1e-4f);
    assertThat(s.lr(5000)).isEqualTo(1e-4f);
  }

  @Test
  void cosineIsMonotoneAfterWarmup() {
    LrSchedule s = new WarmupCosineSchedule(1f, 0.1f, 10, 100);
    for (int step = 10; step < 120; step++) {
      assertThat(s.lr(step + 1)).isLessThanOrEqualTo(s.lr(step));
    }
  }

  @Test
  void linearDecaysHalfwayToHalfTheRange() {
    LrSchedule s = LrSchedule.of("linear", 1f, 0f, 0, 100);
    assertThat(s.lr(0)).isEqualTo(1f);
    assertThat(s.lr(50)).isCloseTo(0.5f, within(1e-6f));
    assertThat(s.lr(100)).isEqualTo(0f);
  }

  @Test
  void constantOnlyWarmsUp() {
    LrSchedule s = LrSchedule.of("constant", 0.5f, 0f, 4, 100);
    assertThat(s.lr(0)).isCloseTo(0.1f, within(1e-7f));
    assertThat(s.lr(4)).isEqualTo(0.5f);
    assertThat(s.lr(1000)).isEqualTo(0.5f);
  }

  @Test
  void rejectsUnknownKindAndMinAboveMax() {
    assertThatThrownBy(() -> LrSchedule.of("step", 1f, 0f, 0, 10))
        .hasMessage("lr schedule: expected one of constant, cosine, linear, got 'step'");
    assertThatThrownBy(() -> new WarmupCosineSchedule(1e-3f, 1e-2f, 0, 10))
        .hasMessage("lr schedule: min lr must be in [0, learning rate 0.001], got 0.01");
  }
}
