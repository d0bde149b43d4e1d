package org.tinyformer.models.gpt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.tensor.Tensor;

/** A minimal Adam for model tests (the real optimizers live in optim and are tested there). */
final class TestAdam {
  private final List<Tensor> params;
  private final List<float[]> m = new ArrayList<>();
  private final List<float[]> v = new ArrayList<>();
  private final float lr;
  private int step;

  TestAdam(Map<String, Tensor> parameters, float lr) {
    this.params = new ArrayList<>(parameters.values());
    this.lr = lr;
    for (Tensor p : params) {
      m.add(new float[p.numel()]);
      v.add(new float[p.numel()]);
    }
  }

  void zeroGrad() {
    params.forEach(Tensor::zeroGrad);
  }

  void step() {
    step++;
    double c1 = 1 - Math.pow(0.9, step);
    double c2 = 1 - Math.pow(0.999, step);
    for (int k = 0; k < params.size(); k++) {
      float[] w = params.get(k).data();
      float[] g = params.get(k).grad();
      if (g == null) {
        continue;
      }
      float[] mk = m.get(k);
      float[] vk = v.get(k);
      for (int i = 0; i < w.length; i++) {
        mk[i] = 0.9f * mk[i] + 0.1f * g[i];
        vk[i] = 0.999f * vk[i] + 0.001f * g[i] * g[i];
        w[i] -= (float) (lr * (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + 1e-8));
      }
    }
  }
}
