package org.tinyformer.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.elementwise.AdamWKernel;
import org.tinyformer.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as PyTorch's {@code AdamW}:
 * {@code p -= lr * wd * p; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m
 * / (sqrt(v) / sqrt(1 - b2^t) + eps)}, through the vectorised, parallel {@link AdamWKernel}. As
 * nanoGPT, only 2-D (and larger) tensors are decayed: matrix weights and embeddings, not biases or
 * norm gains.
 *
 * <p>{@code Optimizer opt = new AdamW(model.parameters(), 1e-3f, 0.9f, 0.99f, 1e-8f, 0.1f);}
 */
public final class AdamW implements Optimizer {
  private final Map<String, Tensor> parameters;
  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float weightDecay;
  private final ParameterBuffers expAvg; // first moment m, per parameter (numel)
  private final ParameterBuffers expAvgSq; // second moment v, per parameter (numel)
  private final Tensor[] tensors; // the parameters in order, for the passes below
  private final float[][] m; // (numel) per parameter: expAvg's buffers in that order
  private final float[][] v; // (numel) per parameter: expAvgSq's buffers in that order
  private final ParameterSegments segments; // every parameter's elements, cut for threads
  private float learningRate;
  private int stepCount;

  public AdamW(
      Map<String, Tensor> parameters,
      float learningRate,
      float beta1,
      float beta2,
      float eps,
      float weightDecay) {
    Checks.check(beta1 >= 0 && beta1 < 1, "adamw: beta1 must be in [0, 1), got %s", beta1);
    Checks.check(beta2 >= 0 && beta2 < 1, "adamw: beta2 must be in [0, 1), got %s", beta2);
    Checks.check(eps > 0, "adamw: eps must be positive, got %s", eps);
    Checks.check(weightDecay >= 0, "adamw: weight decay must be >= 0, got %s", weightDecay);
    this.parameters = new LinkedHashMap<>(parameters);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.expAvg = new ParameterBuffers("exp_avg", parameters);
    this.expAvgSq = new ParameterBuffers("exp_avg_sq", parameters);
    this.tensors = this.parameters.values().toArray(Tensor[]::new);
    this.m = this.parameters.keySet().stream().map(expAvg::get).toArray(float[][]::new);
    this.v = this.parameters.keySet().stream().map(expAvgSq::get).toArray(float[][]::new);
    this.segments = ParameterSegments.of(tensors);
    setLearningRate(learningRate);
  }

  @Override
  public void step() {
    int step = ++stepCount;
    float lr = learningRate;
    segments.forEach(
        (i, from, to) -> {
          Tensor p = tensors[i];
          if (p.grad() != null) {
            float decay = p.rank() >= 2 ? weightDecay : 0f;
            AdamWKernel.updateRange(
                p.data(), p.grad(), m[i], v[i], from, to, lr, beta1, beta2, eps, decay, step);
          }
        });
  }

  @Override
  public void zeroGrad() {
    segments.zeroGrads(tensors);
  }

  @Override
  public void setLearningRate(float learningRate) {
    Checks.check(
        learningRate >= 0 && Float.isFinite(learningRate),
        "adamw: learning rate must be >= 0, got %s",
        learningRate);
    this.learningRate = learningRate;
  }

  @Override
  public float learningRate() {
    return learningRate;
  }

  @Override
  public int stepCount() {
    return stepCount;
  }

  @Override
  public String kind() {
    return "adamw";
  }

  @Override
  public Map<String, Tensor> state() {
    Map<String, Tensor> state = new LinkedHashMap<>();
    expAvg.exportTo(state);
    expAvgSq.exportTo(state);
    return state;
  }

  @Override
  public void loadState(Map<String, Tensor> state, int stepCount) {
    expAvg.importFrom(state);
    expAvgSq.importFrom(state);
    this.stepCount = stepCount;
  }
}
