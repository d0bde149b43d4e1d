package org.tinyformer.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.tensor.Tensor;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's {@code SGD}: {@code g += wd
 * p; b = mu b + g (b = g at the first step); p -= lr b}. Weight decay applies to 2-D tensors only.
 *
 * <p>{@code Optimizer opt = new Sgd(model.parameters(), 0.1f, 0.9f, 0f);}
 */
public final class Sgd implements Optimizer {
  private final Map<String, Tensor> parameters;
  private final float momentum;
  private final float weightDecay;
  private final ParameterBuffers velocity; // momentum buffer b, per parameter (numel)
  private float learningRate;
  private int stepCount;

  public Sgd(
      Map<String, Tensor> parameters, float learningRate, float momentum, float weightDecay) {
    Checks.check(
        momentum >= 0 && momentum < 1, "sgd: momentum must be in [0, 1), got %s", momentum);
    Checks.check(weightDecay >= 0, "sgd: weight decay must be >= 0, got %s", weightDecay);
    this.parameters = new LinkedHashMap<>(parameters);
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.velocity = new ParameterBuffers("momentum", parameters);
    setLearningRate(learningRate);
  }

  @Override
  public void step() {
    boolean first = stepCount == 0;
    stepCount++;
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      Tensor p = e.getValue();
      if (p.grad() == null) {
        continue;
      }
      float decay = p.rank() >= 2 ? weightDecay : 0f;
      float[] param = p.data();
      float[] grad = p.grad();
      float[] b = velocity.get(e.getKey());
      for (int i = 0; i < param.length; i++) {
        float g = grad[i] + decay * param[i];
        b[i] = first ? g : momentum * b[i] + g;
        param[i] -= learningRate * (momentum == 0f ? g : b[i]);
      }
    }
  }

  @Override
  public void zeroGrad() {
    parameters.values().forEach(Tensor::zeroGrad);
  }

  @Override
  public void setLearningRate(float learningRate) {
    Checks.check(
        learningRate >= 0 && Float.isFinite(learningRate),
        "sgd: learning rate must be >= 0, got %s",
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
    return "sgd";
  }

  @Override
  public Map<String, Tensor> state() {
    Map<String, Tensor> state = new LinkedHashMap<>();
    velocity.exportTo(state);
    return state;
  }

  @Override
  public void loadState(Map<String, Tensor> state, int stepCount) {
    velocity.importFrom(state);
    this.stepCount = stepCount;
  }
}
