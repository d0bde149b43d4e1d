package org.tinyformer.models.handwritten;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Safetensors;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.optim.AdamW;
import org.tinyformer.tensor.Tensor;

/**
 * A pinned 10-step loss trajectory (llm.c's test_gpt2.c): both GPTs start from PyTorch's initial
 * weights, train one batch ten times with AdamW, and must reproduce PyTorch's losses. The fixture
 * comes from {@code scripts/golden/make_trajectory.py}.
 */
class TrajectoryTest {
  private static final Path FIXTURE =
      Path.of("src/test/resources/golden/gpt_trajectory.safetensors");
  private static final GptConfig CONFIG = GptConfig.gpt2(65, 16, 2, 2, 32, 0f);
  private static final int B = 4, T = 16;

  @Test
  void handwrittenModelFollowsPyTorchTrajectory() throws IOException {
    assertFollowsTrajectory("handwritten", new HandwrittenGpt(CONFIG, new Rng(0)));
  }

  @Test
  void autogradModelFollowsPyTorchTrajectory() throws IOException {
    assertFollowsTrajectory("autograd", new Gpt(CONFIG, new Rng(0)));
  }

  private static void assertFollowsTrajectory(String label, LanguageModel model)
      throws IOException {
    Map<String, Tensor> fixture = Safetensors.read(FIXTURE);
    for (Map.Entry<String, Tensor> p : model.parameters().entrySet()) {
      float[] source = fixture.get(p.getKey()).data();
      System.arraycopy(source, 0, p.getValue().data(), 0, source.length);
    }
    int[] inputs = ints(fixture.get("inputs"));
    int[] targets = ints(fixture.get("targets"));
    float[] expected = fixture.get("losses").data();
    var optimizer = new AdamW(model.parameters(), 1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);
    double maxDiff = 0;
    StringBuilder report = new StringBuilder(label + " step loss pytorch diff\n");
    for (int step = 0; step < expected.length; step++) {
      optimizer.zeroGrad();
      float loss = model.forwardBackward(inputs, targets, B, T);
      optimizer.step();
      double diff = Math.abs(loss - expected[step]);
      maxDiff = Math.max(maxDiff, diff);
      report.append(String.format("%2d %.6f %.6f %.2e%n", step, loss, expected[step], diff));
    }
    System.out.print(report);
    assertThat(maxDiff).as(report.toString()).isLessThan(1e-4);
  }

  private static int[] ints(Tensor t) {
    float[] d = t.data();
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (int) d[i];
    }
    return out;
  }
}
