package org.tinyformer.data.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
  final List<int[]> expected = List.of(new int[] {4, 5, 6}, new int[] {7, 8});
  final List<int[]> predicted = List.of(new int[] {4, 9, 6}, new int[] {7, 8, 9});

  @Test
  void tokenAccuracyCountsMatchingPositionsOverExpectedTokens() {
    assertThat(TaskMetrics.tokenAccuracy(predicted, expected)).isCloseTo(4 / 5.0, within(1e-12));
    assertThat(TaskMetrics.tokenAccuracy(List.of(new int[] {4}), List.of(new int[] {4, 5})))
        .isEqualTo(0.5);
  }

  @Test
  void exactAccuracyNeedsTheSameLength() {
    assertThat(TaskMetrics.exactAccuracy(predicted, expected)).isEqualTo(0.0);
    assertThat(TaskMetrics.exactAccuracy(expected, expected)).isEqualTo(1.0);
  }

  @Test
  void perPositionAveragesOverExamplesThatLong() {
    assertThat(TaskMetrics.perPositionAccuracy(predicted, expected)).containsExactly(1.0, 0.5, 1.0);
  }

  @Test
  void evaluateRunsAPredictor() {
    TaskSplits splits = new TaskSplits(TaskConfig.defaults(TaskKind.REVERSE));
    TaskGenerator g = splits.generator();
    TaskMetrics.Score perfect = TaskMetrics.evaluate(splits.heldOut(), g::target);
    assertThat(perfect.exact()).isEqualTo(1.0);
    assertThat(perfect.summary()).isEqualTo("token 100.0%  exact 100.0%  (n=500)");
    TaskMetrics.Score copying = TaskMetrics.evaluate(splits.heldOut(), s -> s);
    assertThat(copying.exact()).isLessThan(0.05);
    assertThat(copying.perPosition()).hasSize(10);
  }

  @Test
  void rejectsMismatchedCounts() {
    assertThatThrownBy(() -> TaskMetrics.score(predicted.subList(0, 1), expected))
        .hasMessage("task metrics: 1 predictions for 2 expected sequences");
  }
}
