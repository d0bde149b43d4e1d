package org.tinyformer.training.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskTrainerTest {
  @Test
  void scheduleFollowsTheStepsWhileTheyAreAheadOfTheClock() {
    assertThat(TaskTrainer.scheduleStep(500, 10.0, 170.0, 2000)).isEqualTo(500);
    assertThat(TaskTrainer.scheduleStep(500, 10.0, 0.0, 2000)).isEqualTo(500);
  }

  @Test
  void scheduleFollowsTheClockWhenTheTimeLimitWillEndTheRunFirst() {
    assertThat(TaskTrainer.scheduleStep(500, 85.0, 170.0, 2000)).isEqualTo(1000);
    assertThat(TaskTrainer.scheduleStep(500, 300.0, 170.0, 2000)).isEqualTo(2000);
  }
}
