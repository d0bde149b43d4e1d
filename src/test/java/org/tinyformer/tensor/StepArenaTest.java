package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

/**
 * StepArena: buffers reused by position, zeroed (or as left, for outputs written in full); leaves'
 * gradients and kept weights are not.
 */
class StepArenaTest {

  @Test
  void theNextStepGetsTheSameBuffersInOrderZeroed() {
    StepArena arena = new StepArena();
    List<float[]> first = new ArrayList<>();
    arena.run(
        () -> {
          first.add(StepArena.floats(3));
          first.add(StepArena.floats(5));
        });
    first.get(0)[1] = 7f;
    first.get(1)[4] = 9f;
    List<float[]> second = new ArrayList<>();
    arena.run(
        () -> {
          second.add(StepArena.floats(3));
          second.add(StepArena.floats(5));
        });
    assertThat(second.get(0)).isSameAs(first.get(0)).containsOnly(0f);
    assertThat(second.get(1)).isSameAs(first.get(1)).containsOnly(0f);
  }

  @Test
  void aChangedSizeGetsANewBufferWhichTheStepAfterReuses() {
    StepArena arena = new StepArena();
    float[][] seen = new float[3][];
    arena.run(() -> seen[0] = StepArena.floats(4));
    arena.run(() -> seen[1] = StepArena.floats(6));
    arena.run(() -> seen[2] = StepArena.floats(6));
    assertThat(seen[1]).isNotSameAs(seen[0]).hasSize(6);
    assertThat(seen[2]).isSameAs(seen[1]);
  }

  @Test
  void buffersToOverwriteComeBackAsTheStepBeforeLeftThem() {
    StepArena arena = new StepArena();
    float[][] seen = new float[2][];
    arena.run(
        () -> {
          seen[0] = StepArena.floatsToOverwrite(3);
          seen[0][1] = 7f;
        });
    arena.run(() -> seen[1] = StepArena.floatsToOverwrite(3));
    assertThat(seen[1]).isSameAs(seen[0]).containsExactly(0f, 7f, 0f);
    assertThat(StepArena.floatsToOverwrite(2)).containsOnly(0f); // outside a step: new zeros
  }

  @Test
  void outsideAStepEveryCallAllocates() {
    assertThat(StepArena.floats(2)).isNotSameAs(StepArena.floats(2)).containsOnly(0f);
  }

  @Test
  void twoTrainingStepsInAnArenaGiveTheSameGradientsAsWithout() {
    float[][] with = twoSteps(true);
    float[][] without = twoSteps(false);
    assertThat(with[0]).containsExactly(without[0]);
    assertThat(with[1]).containsExactly(without[1]);
  }

  /** Weights and bias gradients of y = sum(gelu(x W^T + b)^2), accumulated over two steps. */
  private static float[][] twoSteps(boolean inArena) {
    Rng rng = new Rng(3);
    Tensor w = Tensor.randn(rng, 0.5f, 4, 3).requiresGrad(true);
    Tensor b = Tensor.randn(rng, 0.5f, 4).requiresGrad(true);
    Tensor x = Tensor.randn(rng, 1f, 5, 3);
    StepArena arena = new StepArena();
    for (int step = 0; step < 2; step++) {
      Runnable body =
          () -> {
            Tensor h = Functional.linear(x, w, b).gelu(); // (5, 4)
            h.mul(h).sum().backward();
          };
      if (inArena) {
        arena.run(body);
      } else {
        body.run();
      }
    }
    return new float[][] {w.grad().clone(), b.grad().clone()};
  }

  @Test
  void keptAttentionWeightsSurviveTheNextStep() {
    Rng rng = new Rng(5);
    Tensor qkv = Tensor.randn(rng, 1f, 1, 4, 6).requiresGrad(true); // (B, T, 3C), 2 heads
    StepArena arena = new StepArena();
    float[][] kept = new float[1][];
    arena.run(() -> Functional.causalSelfAttention(qkv, 2, kept).sum().backward());
    float[] copy = kept[0].clone();
    Tensor other = Tensor.randn(rng, 3f, 1, 4, 6).requiresGrad(true);
    arena.run(() -> Functional.causalSelfAttention(other, 2, null).sum().backward());
    assertThat(kept[0]).containsExactly(copy);
  }
}
