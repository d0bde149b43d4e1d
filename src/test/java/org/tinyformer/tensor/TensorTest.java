package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

/** Creation, state and forward values of tensors and shapes. */
class TensorTest {

  @Test
  void shapeReportsItsDimensions() {
    Shape s = Shape.of(2, 3, 4);
    assertThat(s.rank()).isEqualTo(3);
    assertThat(s.numel()).isEqualTo(24);
    assertThat(s.size(-1)).isEqualTo(4);
    assertThat(s).hasToString("(2, 3, 4)").isEqualTo(Shape.of(2, 3, 4));
    assertThat(Shape.of()).hasToString("()");
    assertThat(Shape.of().numel()).isEqualTo(1);
  }

  @Test
  void ofWrapsTheArrayWithoutCopying() {
    float[] data = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.of(data, 2, 3);
    assertThat(t.data()).isSameAs(data);
    assertThat(t.get(1, 2)).isEqualTo(6f);
    assertThat(t.dims()).containsExactly(2, 3);
    assertThat(t.reshape(3, 2).data()).isSameAs(data);
  }

  @Test
  void creationHelpersFillAsDocumented() {
    assertThat(Tensor.full(7f, 2).data()).containsExactly(7, 7);
    assertThat(Tensor.ones(1, 2).data()).containsExactly(1, 1);
    assertThat(Tensor.scalar(3f).item()).isEqualTo(3f);
    Tensor u = Tensor.uniform(new Rng(1), -1f, 1f, 100);
    for (float v : u.data()) {
      assertThat(v).isBetween(-1f, 1f);
    }
    assertThat(Tensor.randn(new Rng(1), 1f, 5).data())
        .containsExactly(Tensor.randn(new Rng(1), 1f, 5).data());
  }

  @Test
  void broadcastingForwardValues() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor b = Tensor.of(new float[] {10, 20}, 2, 1);
    assertThat(a.add(b).data()).containsExactly(11, 12, 13, 24, 25, 26);
    assertThat(a.sub(Tensor.scalar(1f)).data()).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void reductionsAndShapeOpsForwardValues() {
    Tensor a = Tensor.of(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
    assertThat(a.sum(0, false).data()).containsExactly(5, 7, 9);
    assertThat(a.max(1, true).dims()).containsExactly(2, 1);
    assertThat(a.max(1, true).data()).containsExactly(5, 6);
    assertThat(a.transpose(0, 1).data()).containsExactly(1, 4, 5, 2, 3, 6);
    assertThat(a.slice(1, 1, 3).data()).containsExactly(5, 3, 2, 6);
    Tensor[] parts = a.split(1, 1, 2);
    assertThat(Tensor.cat(1, parts[1], parts[0]).data()).containsExactly(5, 3, 1, 2, 6, 4);
    assertThat(a.matmul(Tensor.ones(3, 1)).data()).containsExactly(9, 12);
  }

  @Test
  void fullyMaskedSoftmaxRowGivesZeros() {
    Tensor x = Tensor.full(Float.NEGATIVE_INFINITY, 1, 3);
    assertThat(Functional.softmax(x, -1).data()).containsExactly(0, 0, 0);
  }

  @Test
  void dropoutIsIdentityOutsideTraining() {
    Tensor x = Tensor.ones(4);
    assertThat(Functional.dropout(x, 0.5f, new Rng(1), false)).isSameAs(x);
    float[] y = Functional.dropout(Tensor.ones(1000), 0.5f, new Rng(1), true).data();
    for (float v : y) {
      assertThat(v).isIn(0f, 2f);
    }
  }

  @Test
  void nanCheckNamesThePlaceAndTheFirstBadIndex() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, -1}, 2, 2).requiresGrad(true);
    Tensor y = x.sqrt(); // NaN at (1, 1)
    assertThatThrownBy(() -> NanCheck.check("blocks.0.mlp", y))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nan check: blocks.0.mlp: NaN at index (1, 1) of (2, 2) (output of sqrt)");
    assertThat(NanCheck.firstBadOperation(y.mul(2f).sum()))
        .isEqualTo("sqrt: NaN at index (1, 1) of (2, 2)");
  }
}
