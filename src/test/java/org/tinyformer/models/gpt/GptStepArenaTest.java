package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * A training step that reuses the buffers of the step before (its StepArena hands out outputs
 * written in full without zeroing them) gives the gradients of a model that never stepped, bit for
 * bit, in one graph and in slices.
 */
class GptStepArenaTest {
  private static final GptConfig CONFIG = GptConfig.gpt2(29, 8, 2, 2, 32, 0f);
  private static final int B = 4, T = 8;

  private static int[][] batch(long seed) {
    Rng rng = new Rng(seed);
    int[] inputs = new int[B * T];
    int[] targets = new int[B * T];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = rng.nextInt(CONFIG.vocabSize());
      targets[i] = rng.nextInt(CONFIG.vocabSize());
    }
    return new int[][] {inputs, targets};
  }

  @Test
  void aStepOnTheBuffersOfAnEarlierStepGivesTheGradientsOfAFreshModel() {
    int[][] first = batch(1);
    int[][] second = batch(2);
    for (int slices : new int[] {1, 2}) {
      Gpt stepped = new Gpt(CONFIG, new Rng(9));
      stepped.maxSlices(slices);
      stepped.forwardBackward(first[0], first[1], B, T);
      stepped.parameters().values().forEach(Tensor::zeroGrad);
      float lossStepped = stepped.forwardBackward(second[0], second[1], B, T);
      Gpt fresh = new Gpt(CONFIG, new Rng(9));
      fresh.maxSlices(slices);
      float lossFresh = fresh.forwardBackward(second[0], second[1], B, T);
      assertThat(lossStepped).as("loss, %d slices", slices).isEqualTo(lossFresh);
      for (String name : fresh.parameters().keySet()) {
        assertThat(stepped.parameters().get(name).grad())
            .as("%s, %d slices", name, slices)
            .containsExactly(fresh.parameters().get(name).grad());
      }
    }
  }
}
