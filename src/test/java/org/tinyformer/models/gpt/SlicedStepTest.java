package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.handwritten.GradientDiff;
import org.tinyformer.tensor.Tensor;

/**
 * The autograd GPT's data-parallel step (one graph per slice of the batch) gives the whole-batch
 * loss and gradients up to the rounding of the sums, the same bits on every run, and the same
 * errors.
 */
class SlicedStepTest {
  private static final GptConfig CONFIG = GptConfig.gpt2(37, 9, 2, 3, 24, 0f);
  private static final int B = 6, T = 9;

  private static int[][] batch() {
    Rng data = new Rng(11);
    int[] inputs = new int[B * T];
    int[] targets = new int[B * T];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = data.nextInt(CONFIG.vocabSize());
      targets[i] = i % 7 == 3 ? -1 : data.nextInt(CONFIG.vocabSize()); // some padding
    }
    return new int[][] {inputs, targets};
  }

  private static Gpt model(GptConfig config, int maxSlices) {
    Gpt gpt = new Gpt(config, new Rng(3));
    gpt.maxSlices(maxSlices);
    return gpt;
  }

  @Test
  void slicingTheBatchChangesNothingButRoundingOfTheGradientSums() {
    int[][] batch = batch();
    Gpt whole = model(CONFIG, 1);
    for (int slices : new int[] {2, 3, 4}) { // 4 does not divide 6: three slices of two rows
      Gpt sliced = model(CONFIG, slices);
      GradientDiff diff = GradientDiff.compare(sliced, whole, batch[0], batch[1], B, T);
      assertThat(diff.lossDifference()).as("loss, %d slices", slices).isLessThan(1e-6);
      assertThat(diff.failures(1e-6)).as("parameters, %d slices", slices).isEmpty();
    }
  }

  @Test
  void slicedStepsGiveTheSameBitsOnEveryRunAndAccumulateOverCalls() {
    int[][] batch = batch();
    Gpt a = model(CONFIG, 2);
    Gpt b = model(CONFIG, 2);
    float lossA = 0, lossB = 0;
    for (int call = 0; call < 2; call++) { // the second call adds to the first one's gradients
      lossA = a.forwardBackward(batch[0], batch[1], B, T);
      lossB = b.forwardBackward(batch[0], batch[1], B, T);
    }
    assertThat(lossA).isEqualTo(lossB);
    Map<String, Tensor> pa = a.parameters();
    Map<String, Tensor> pb = b.parameters();
    Gpt whole = model(CONFIG, 1);
    for (int call = 0; call < 2; call++) {
      whole.forwardBackward(batch[0], batch[1], B, T);
    }
    for (String name : pa.keySet()) {
      assertThat(pa.get(name).grad()).as(name).containsExactly(pb.get(name).grad());
      float[] sliced = pa.get(name).grad();
      float[] expected = whole.parameters().get(name).grad();
      for (int i = 0; i < sliced.length; i++) {
        assertThat(sliced[i])
            .as("%s[%d] after two calls", name, i)
            .isCloseTo(expected[i], within(1e-6f + 1e-5f * Math.abs(expected[i])));
      }
    }
  }

  @Test
  void evaluationLossInSlicesIsTheWholeBatchLossUpToRoundingAndTheSameOnEveryRun() {
    int[][] batch = batch();
    Gpt whole = model(CONFIG, 1);
    Gpt sliced = model(CONFIG, 2);
    whole.setTraining(false);
    sliced.setTraining(false);
    float expected = whole.loss(batch[0], batch[1], B, T);
    float first = sliced.loss(batch[0], batch[1], B, T);
    assertThat(first).isCloseTo(expected, within(1e-6f));
    assertThat(sliced.loss(batch[0], batch[1], B, T)).isEqualTo(first);
    for (Tensor p : sliced.parameters().values()) {
      assertThat(p.grad()).as("no gradient from an evaluation").isNull();
    }
  }

  @Test
  void dropoutKeepsOneGraphPerBatch() {
    GptConfig withDropout = GptConfig.gpt2(37, 9, 2, 3, 24, 0.1f);
    int[][] batch = batch();
    Gpt sliced = model(withDropout, 2);
    Gpt whole = model(withDropout, 1);
    assertThat(sliced.forwardBackward(batch[0], batch[1], B, T))
        .isEqualTo(whole.forwardBackward(batch[0], batch[1], B, T));
    for (String name : whole.parameters().keySet()) {
      assertThat(sliced.parameters().get(name).grad())
          .as(name)
          .containsExactly(whole.parameters().get(name).grad());
    }
  }

  @Test
  void errorsNameTheRowOfTheWholeBatch() {
    int[][] batch = batch();
    int[] badTarget = batch[1].clone();
    badTarget[40] = 99;
    int[] badId = batch[0].clone();
    badId[50] = 37;
    for (int slices : new int[] {1, 2}) {
      Gpt gpt = model(CONFIG, slices);
      assertThatThrownBy(() -> gpt.forwardBackward(batch[0], badTarget, B, T))
          .hasMessage("crossEntropy: target 99 at row 40 is out of range for 37 classes");
      assertThatThrownBy(() -> gpt.forwardBackward(badId, batch[1], B, T))
          .hasMessage("gpt: token id 37 at index 50 is outside the vocabulary [0, 37)");
      assertThatThrownBy(() -> gpt.forwardBackward(batch[0], new int[5], B, T))
          .hasMessage("gpt: targets has 5 ids but B * T is 54 (B 6, T 9)");
      assertThatThrownBy(() -> gpt.loss(batch[0], badTarget, B, T))
          .hasMessage("crossEntropy: target 99 at row 40 is out of range for 37 classes");
      assertThatThrownBy(() -> gpt.loss(badId, batch[1], B, T))
          .hasMessage("gpt: token id 37 at index 50 is outside the vocabulary [0, 37)");
    }
  }
}
