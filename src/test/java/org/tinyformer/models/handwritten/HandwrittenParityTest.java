package org.tinyformer.models.handwritten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tensor.Tensor;

/**
 * The hand-written GPT and the autograd GPT, built from the same seed, hold the same weights and
 * give the same logits, loss and gradient for every parameter (1e-5 relative, reported per
 * parameter).
 */
class HandwrittenParityTest {

  /** The test preset, context 1, an odd width (with padding targets, as in all), and no biases. */
  private static final GptConfig[] CONFIGS = {
    GptConfig.preset("tiny"),
    GptConfig.gpt2(11, 1, 2, 2, 16, 0f),
    GptConfig.gpt2(37, 9, 3, 3, 24, 0f),
    new GptConfig(
        29,
        7,
        2,
        4,
        32,
        0f,
        false,
        GptConfig.Norm.LAYER,
        GptConfig.Positions.LEARNED,
        GptConfig.MlpKind.GELU),
  };

  @Test
  void sameSeedGivesSameWeights() {
    GptConfig config = GptConfig.preset("tiny");
    Map<String, Tensor> a = new HandwrittenGpt(config, new Rng(5)).parameters();
    Map<String, Tensor> b = new Gpt(config, new Rng(5)).parameters();
    assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
    for (String name : a.keySet()) {
      assertThat(a.get(name).data()).as(name).containsExactly(b.get(name).data());
    }
  }

  @Test
  void slicingTheBatchAcrossThreadsChangesNothingButRoundingOfTheGradientSums() {
    GptConfig config = GptConfig.gpt2(37, 9, 3, 3, 24, 0f);
    int B = 6, T = 9;
    Rng data = new Rng(11);
    int[] inputs = new int[B * T];
    int[] targets = new int[B * T];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = data.nextInt(config.vocabSize());
      targets[i] = i % 7 == 3 ? -1 : data.nextInt(config.vocabSize());
    }
    HandwrittenGpt whole = new HandwrittenGpt(config, new Rng(3), 1);
    for (int slices : new int[] {2, 3, 4}) { // 4 does not divide 6: three slices of two rows
      HandwrittenGpt sliced = new HandwrittenGpt(config, new Rng(3), slices);
      GradientDiff diff = GradientDiff.compare(sliced, whole, inputs, targets, B, T);
      assertThat(diff.lossDifference()).as("loss, %d slices", slices).isLessThan(1e-6);
      assertThat(diff.maxLogitDifference()).as("logits, %d slices", slices).isEqualTo(0);
      assertThat(diff.failures(1e-6)).as("parameters, %d slices", slices).isEmpty();
    }
  }

  @Test
  void slicedGradientsAccumulateOverCallsLikeWholeOnes() {
    GptConfig config = GptConfig.preset("tiny");
    int B = 2, T = config.contextLength();
    int[] ids = new int[B * T];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 7) % config.vocabSize();
    }
    HandwrittenGpt whole = new HandwrittenGpt(config, new Rng(3), 1);
    HandwrittenGpt sliced = new HandwrittenGpt(config, new Rng(3), 2);
    for (int call = 0; call < 2; call++) {
      whole.forwardBackward(ids, ids, B, T);
      sliced.forwardBackward(ids, ids, B, T);
    }
    for (String name : whole.parameters().keySet()) {
      float[] a = whole.parameters().get(name).grad();
      float[] b = sliced.parameters().get(name).grad();
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i])
            .as("%s[%d]", name, i)
            .isCloseTo(a[i], within(1e-6f + 1e-5f * Math.abs(a[i])));
      }
    }
  }

  @Test
  void gradientsMatchTheAutogradModel() {
    for (GptConfig config : CONFIGS) {
      int B = 4, T = config.contextLength(); // split into slices on a machine with 2+ threads
      Rng data = new Rng(7);
      int[] inputs = new int[B * T];
      int[] targets = new int[B * T];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = data.nextInt(config.vocabSize());
        targets[i] = i % 5 == 4 ? -1 : data.nextInt(config.vocabSize()); // some padding
      }
      HandwrittenGpt hand = new HandwrittenGpt(config, new Rng(3));
      Gpt auto = new Gpt(config, new Rng(3));
      GradientDiff diff = GradientDiff.compare(hand, auto, inputs, targets, B, T);
      System.out.println(config + "\n" + diff.table());
      assertThat(diff.lossDifference()).as("loss").isLessThan(1e-5);
      assertThat(diff.maxLogitDifference()).as("logits").isLessThan(1e-4);
      assertThat(diff.failures(1e-5)).as("parameters over 1e-5 relative").isEmpty();
    }
  }
}
