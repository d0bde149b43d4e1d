package org.tinyformer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.elementwise.AdamWKernel;
import org.tinyformer.tensor.Tensor;

/**
 * The optimizer's passes over all parameters at once ({@link ParameterSegments}: AdamW, clipping,
 * zeroing) give the same bits as the one-parameter-at-a-time loops they replaced, on parameters
 * large enough to be cut into several segments and to run on several threads.
 */
class ParallelPassesTest {
  private static final int[][] SHAPES = {{70, 700}, {3}, {16384}, {129, 130}, {1}, {40000}};

  private static Map<String, Tensor> parameters(Rng rng, boolean withGrads) {
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (int i = 0; i < SHAPES.length; i++) {
      Tensor p = Tensor.randn(rng, 1f, SHAPES[i]).requiresGrad(true);
      if (withGrads && i != 4) { // one parameter without a gradient
        p.zeroGrad();
        float[] g = p.grad();
        for (int j = 0; j < g.length; j++) {
          g[j] = rng.nextGaussian();
        }
      }
      params.put("p" + i, p);
    }
    return params;
  }

  private static Map<String, Tensor> copy(Map<String, Tensor> params) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    params.forEach(
        (name, p) -> {
          Tensor c = p.copy().requiresGrad(true);
          if (p.grad() != null) {
            c.zeroGrad();
            System.arraycopy(p.grad(), 0, c.grad(), 0, p.numel());
          }
          out.put(name, c);
        });
    return out;
  }

  @Test
  void adamWStepsGiveTheBitsOfOneKernelCallPerParameter() {
    Map<String, Tensor> params = parameters(new Rng(5), true);
    Map<String, Tensor> reference = copy(params);
    Map<String, float[][]> moments = new LinkedHashMap<>();
    reference.forEach(
        (name, p) -> moments.put(name, new float[][] {new float[p.numel()], new float[p.numel()]}));
    AdamW adamW = new AdamW(params, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f);
    for (int step = 1; step <= 3; step++) {
      adamW.step();
      for (Map.Entry<String, Tensor> e : reference.entrySet()) {
        Tensor p = e.getValue();
        if (p.grad() != null) {
          float[][] mv = moments.get(e.getKey());
          float decay = p.rank() >= 2 ? 0.1f : 0f;
          AdamWKernel.update(
              p.data(), p.grad(), mv[0], mv[1], p.numel(), 1e-2f, 0.9f, 0.95f, 1e-8f, decay, step);
        }
      }
    }
    for (String name : params.keySet()) {
      assertThat(params.get(name).data()).as(name).containsExactly(reference.get(name).data());
      assertThat(adamW.state().get("exp_avg." + name).data())
          .as("m of " + name)
          .containsExactly(moments.get(name)[0]);
      assertThat(adamW.state().get("exp_avg_sq." + name).data())
          .as("v of " + name)
          .containsExactly(moments.get(name)[1]);
    }
  }

  @Test
  void clippingGivesTheBitsOfOneSequentialSum() {
    Map<String, Tensor> params = parameters(new Rng(6), true);
    double sum = 0;
    for (Tensor p : params.values()) {
      if (p.grad() != null) {
        double s = 0;
        for (float x : p.grad()) {
          s += (double) x * x;
        }
        sum += s;
      }
    }
    double norm = Math.sqrt(sum);
    Map<String, Tensor> reference = copy(params);
    float factor = (float) (1.0 / (norm + 1e-6));
    assertThat(GradientClipping.clip(params.values(), 1f)).isEqualTo(norm);
    for (Map.Entry<String, Tensor> e : reference.entrySet()) {
      float[] g = e.getValue().grad();
      if (g != null) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= factor;
        }
      }
      if (g == null) {
        assertThat(params.get(e.getKey()).grad()).as(e.getKey()).isNull();
      } else {
        assertThat(params.get(e.getKey()).grad()).as(e.getKey()).containsExactly(g);
      }
    }
  }

  @Test
  void zeroGradZeroesEveryGradientAndAllocatesMissingOnes() {
    Map<String, Tensor> params = parameters(new Rng(7), true);
    AdamW adamW = new AdamW(params, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f);
    adamW.zeroGrad();
    for (Tensor p : params.values()) {
      assertThat(p.grad()).hasSize(p.numel()).containsOnly(0f);
    }
  }

  @Test
  void segmentsCoverEveryElementOnce() {
    int[] sizes = {0, 1, ParameterSegments.SEGMENT, ParameterSegments.SEGMENT + 1, 5};
    int[][] seen = new int[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      seen[i] = new int[sizes[i]];
    }
    new ParameterSegments(sizes)
        .forEach(
            (p, from, to) -> {
              assertThat(to - from).isBetween(1, ParameterSegments.SEGMENT);
              for (int j = from; j < to; j++) {
                seen[p][j]++;
              }
            });
    for (int i = 0; i < sizes.length; i++) {
      for (int j = 0; j < sizes[i]; j++) {
        assertThat(seen[i][j]).as("parameter %d element %d", i, j).isEqualTo(1);
      }
    }
  }

  @Test
  void updateRangeRejectsARangeOutsideTheArrays() {
    float[] x = new float[4];
    float[] shortGrad = new float[2];
    assertThatThrownBy(
            () ->
                AdamWKernel.updateRange(x, shortGrad, x, x, 1, 4, 1e-3f, 0.9f, 0.95f, 1e-8f, 0f, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adamw: range [1, 4) is outside param (4), grad (2), m (4) or v (4)");
    assertThatThrownBy(
            () -> AdamWKernel.updateRange(x, x, x, x, 0, 4, 1e-3f, 0.9f, 0.95f, 1e-8f, 0f, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adamw: step must be at least 1, got 0");
  }
}
