package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClockTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void noEstimateDuringTheWarmUp() {
    Clock clock = new Clock(0, 0);
    for (int i = 0; i < Clock.WARM_UP; i++) {
      clock.recordStep(2 * SECOND);
    }
    assertThat(clock.secondsPerStep()).isNaN();
  }

  @Test
  void slowFirstStepsDoNotInflateTheEstimate() {
    Clock clock = new Clock(0, 0);
    for (int i = 0; i < Clock.WARM_UP; i++) {
      clock.recordStep(2 * SECOND); // JIT warm-up: 20x slower
    }
    for (int i = 0; i < 5; i++) {
      clock.recordStep(SECOND / 10);
    }
    assertThat(clock.secondsPerStep()).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void followsTheRecentSpeedOverAMovingWindow() {
    Clock clock = new Clock(0, 0);
    for (int i = 0; i < Clock.WARM_UP + 3 * Clock.WINDOW; i++) {
      clock.recordStep(SECOND / 10);
    }
    for (int i = 0; i < Clock.WINDOW; i++) {
      clock.recordStep(SECOND / 5); // the machine got busy
    }
    assertThat(clock.secondsPerStep()).isCloseTo(0.2, within(1e-9));
    for (int i = 0; i < Clock.WINDOW / 2; i++) {
      clock.recordStep(SECOND / 10);
    }
    assertThat(clock.secondsPerStep()).isCloseTo(0.15, within(1e-9));
  }
}
