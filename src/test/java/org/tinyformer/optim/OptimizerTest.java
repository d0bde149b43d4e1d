package org.tinyformer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tinyformer.tensor.Tensor;

/** Against PyTorch 1.13 (fixture from scripts/fixtures/optim_reference.py). */
class OptimizerTest {
  private static Map<String, Tensor> parameters() {
    Map<String, Tensor> params = new LinkedHashMap<>();
    params.put("w", Tensor.of(cosines(6), 2, 3).requiresGrad(true));
    params.put("b", Tensor.of(cosines(3), 3).requiresGrad(true));
    return params;
  }

  private static float[] cosines(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.cos(i);
    }
    return x;
  }

  private static void run(Optimizer opt, Map<String, Tensor> params, int steps) {
    for (int s = 1; s <= steps; s++) {
      for (Tensor p : params.values()) {
        p.zeroGrad();
        for (int i = 0; i < p.numel(); i++) {
          p.grad()[i] = (float) (Math.sin(i + s) * 0.5);
        }
      }
      opt.step();
    }
  }

  private static JsonNode fixture() throws IOException {
    try (InputStream in = OptimizerTest.class.getResourceAsStream("/fixtures/optim.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static void assertMatches(String name, Function<Map<String, Tensor>, Optimizer> factory)
      throws IOException {
    JsonNode expected = fixture().get(name);
    Map<String, Tensor> params = parameters();
    run(factory.apply(params), params, 3);
    for (String key : List.of("w", "b")) {
      float[] actual = params.get(key).data();
      for (int i = 0; i < actual.length; i++) {
        assertThat(actual[i])
            .as("%s %s[%d]", name, key, i)
            .isCloseTo((float) expected.get(key).get(i).asDouble(), within(1e-6f));
      }
    }
  }

  @Test
  void adamWMatchesPyTorchWithDecayOnMatricesOnly() throws IOException {
    assertMatches("adamw", p -> new AdamW(p, 0.01f, 0.9f, 0.99f, 1e-8f, 0.1f));
  }

  @Test
  void sgdWithMomentumMatchesPyTorch() throws IOException {
    assertMatches("sgd", p -> new Sgd(p, 0.1f, 0.9f, 0.01f));
  }

  @Test
  void stateRoundTripContinuesExactly() {
    Map<String, Tensor> straight = parameters();
    Optimizer a = new AdamW(straight, 0.01f, 0.9f, 0.99f, 1e-8f, 0.1f);
    run(a, straight, 4);

    Map<String, Tensor> first = parameters();
    Optimizer b = new AdamW(first, 0.01f, 0.9f, 0.99f, 1e-8f, 0.1f);
    run(b, first, 2);
    Map<String, Tensor> saved = new LinkedHashMap<>();
    b.state().forEach((k, v) -> saved.put(k, v.copy()));
    Map<String, Tensor> resumed = new LinkedHashMap<>();
    first.forEach((k, v) -> resumed.put(k, v.copy().requiresGrad(true)));
    Optimizer c = new AdamW(resumed, 0.01f, 0.9f, 0.99f, 1e-8f, 0.1f);
    c.loadState(saved, b.stepCount());
    for (int s = 3; s <= 4; s++) {
      for (Tensor p : resumed.values()) {
        p.zeroGrad();
        for (int i = 0; i < p.numel(); i++) {
          p.grad()[i] = (float) (Math.sin(i + s) * 0.5);
        }
      }
      c.step();
    }
    assertThat(resumed.get("w").data()).containsExactly(straight.get("w").data());
    assertThat(resumed.get("b").data()).containsExactly(straight.get("b").data());
    assertThat(c.state().keySet())
        .containsExactly("exp_avg.w", "exp_avg.b", "exp_avg_sq.w", "exp_avg_sq.b");
  }

  @Test
  void clippingScalesToMaxNormAndReportsTheNormBefore() {
    Tensor p = Tensor.zeros(2).requiresGrad(true);
    p.zeroGrad();
    p.grad()[0] = 3;
    p.grad()[1] = 4;
    assertThat(GradientClipping.clip(List.of(p), 1f)).isEqualTo(5.0);
    assertThat(GradientClipping.globalNorm(List.of(p))).isCloseTo(1.0, within(1e-6));
    assertThat(GradientClipping.clip(List.of(p), 10f)).isCloseTo(1.0, within(1e-6));
  }
}
