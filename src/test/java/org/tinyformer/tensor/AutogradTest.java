package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinyformer.autograd.GradMode;

/** Autograd behaviour of tensors: accumulation, noGrad, detach, graph release, deep graphs. */
class AutogradTest {

  @Test
  void gradientsAccumulateAcrossTwoBackwardCalls() {
    Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
    x.mul(x).sum().backward(); // d/dx = 2x
    x.mul(x).sum().backward();
    assertThat(x.grad()).containsExactly(4, 8, 12);
    x.zeroGrad();
    assertThat(x.grad()).containsExactly(0, 0, 0);
  }

  @Test
  void gradIsNullUntilBackwardReachesTheTensor() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor y = Tensor.ones(2);
    assertThat(x.grad()).isNull();
    x.add(y).sum().backward();
    assertThat(x.grad()).containsExactly(1, 1);
    assertThat(y.grad()).isNull();
  }

  @Test
  void noGradRecordsNoGraph() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor y;
    try (var s = GradMode.noGrad()) {
      y = x.mul(x).sum();
    }
    assertThat(y.requiresGrad()).isFalse();
    assertThat(y.parents()).isEmpty();
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "backward: the output does not require a gradient (no input has requiresGrad(true),"
                + " or it was computed under noGrad)");
  }

  @Test
  void detachSharesDataButStopsGradients() {
    Tensor x = Tensor.of(new float[] {2, 3}, 2).requiresGrad(true);
    Tensor d = x.detach();
    assertThat(d.data()).isSameAs(x.data());
    assertThat(d.requiresGrad()).isFalse();
    x.mul(d).sum().backward(); // only the left factor carries a gradient: d/dx = d
    assertThat(x.grad()).containsExactly(2, 3);
    Tensor c = x.copy();
    assertThat(c.data()).isNotSameAs(x.data()).containsExactly(2, 3);
  }

  @Test
  void secondBackwardThroughAReleasedGraphFailsClearly() {
    Tensor x = Tensor.ones(2).requiresGrad(true);
    Tensor h = x.mul(x); // (2,)
    Tensor loss = h.sum(); // ()
    loss.backward();
    assertThatThrownBy(loss::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "backward: the graph through 'sum' was released by an earlier backward;"
                + " run the forward pass again");
    assertThatThrownBy(() -> h.mul(2f).sum().backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the graph through 'mul' was released");
  }

  @Test
  void deepChainOfOneHundredThousandNodesBackpropagates() {
    Tensor x = Tensor.scalar(0f).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(1f).mul(1f); // two nodes per step
    }
    y.backward();
    assertThat(y.item()).isEqualTo(100_000f);
    assertThat(x.grad()).containsExactly(1f);
  }

  @Test
  void backwardWithAGivenGradient() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
    x.mul(3f).backward(Tensor.of(new float[] {1, 0, 0, 2}, 2, 2));
    assertThat(x.grad()).containsExactly(3, 0, 0, 6);
  }

  @Test
  void broadcastBackwardSumsOverBroadcastDims() {
    Tensor x = Tensor.ones(2, 3);
    Tensor b = Tensor.zeros(3).requiresGrad(true);
    x.add(b).sum().backward();
    assertThat(b.grad()).containsExactly(2, 2, 2);
  }
}
