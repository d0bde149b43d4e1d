package org.tinyformer.data.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class TaskSplitsTest {
  @Test
  void heldOutSourcesNeverAppearInTraining() {
    TaskConfig c =
        new TaskConfig(TaskKind.COPY, 3, 2, 4, 6, 40, 5, false, false); // 3^2+3^3+3^4 = 117
    TaskSplits splits = new TaskSplits(c);
    assertThat(splits.heldOut()).hasSize(40);
    Rng rng = new Rng(9);
    for (int i = 0; i < 5000; i++) {
      TaskExample e = splits.sampleTraining(rng);
      assertThat(splits.isHeldOut(e.source())).isFalse();
      assertThat(e.source().length).isBetween(2, 4);
    }
  }

  /** The length a config's range counts: symbols, or the longer operand's digits for add. */
  private static int length(TaskSplits splits, TaskExample e) {
    if (splits.config().kind() != TaskKind.ADD) {
      return e.source().length;
    }
    String[] ops = splits.vocabulary().format(e.source()).replace(" ", "").split("\\+");
    return Math.max(ops[0].length(), ops[1].length());
  }

  @Test
  void generalisationSetIsLongerThanAnyTrainingExample() {
    for (TaskKind kind : TaskKind.values()) {
      TaskSplits splits = new TaskSplits(TaskConfig.defaults(kind));
      int maxTrain = 0;
      Rng rng = new Rng(1);
      for (int i = 0; i < 2000; i++) {
        maxTrain = Math.max(maxTrain, length(splits, splits.sampleTraining(rng)));
      }
      int shortest = Integer.MAX_VALUE;
      for (TaskExample e : splits.generalisation()) {
        shortest = Math.min(shortest, length(splits, e));
      }
      assertThat(splits.generalisation()).as(kind.label()).hasSize(500);
      assertThat(shortest).as(kind.label()).isGreaterThan(maxTrain);
    }
  }

  @Test
  void splitsAreFixedBySeed() {
    TaskConfig c = TaskConfig.defaults(TaskKind.SORT);
    assertThat(new TaskSplits(c).heldOut()).isEqualTo(new TaskSplits(c).heldOut());
    assertThat(new TaskSplits(c.withSeed(2)).heldOut()).isNotEqualTo(new TaskSplits(c).heldOut());
  }

  @Test
  void saysWhenTheHeldOutSetLeavesNothingToTrainOn() {
    TaskSplits splits =
        new TaskSplits(new TaskConfig(TaskKind.COPY, 2, 1, 2, 2, 50, 1, false, false));
    assertThat(splits.heldOut()).hasSize(6);
    assertThatThrownBy(() -> splits.sampleTraining(new Rng(1)))
        .hasMessage(
            "task copy: the held-out set (6) covers nearly every source of lengths 1-2 with 2"
                + " symbols; use a smaller heldOutSize or a larger vocabSize or length range");
  }
}
