package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The exact messages on the main misuse paths. */
class TensorErrorsTest {

  @Test
  void addRejectsShapesThatDoNotBroadcast() {
    assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("add: shapes do not broadcast: a is (2, 3), b is (4,)");
  }

  @Test
  void matmulRejectsDifferentInnerDimensions() {
    assertThatThrownBy(() -> Tensor.zeros(4, 8).matmul(Tensor.zeros(6, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul: inner dimensions differ: a is (4, 8), b is (6, 3)");
    assertThatThrownBy(() -> Tensor.zeros(2, 4, 8).matmul(Tensor.zeros(3, 8, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul: batch dimensions do not broadcast: a is (2, 4, 8), b is (3, 8, 3)");
  }

  @Test
  void catRejectsShapesThatDifferOutsideTheDimension() {
    assertThatThrownBy(() -> Tensor.cat(1, Tensor.zeros(2, 3), Tensor.zeros(3, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cat: shapes differ outside dimension 1: part 0 is (2, 3), part 1 is (3, 3)");
  }

  @Test
  void backwardOfANonScalarNeedsAGradient() {
    Tensor y = Tensor.zeros(2, 3).requiresGrad(true).mul(2f);
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "backward: output has shape (2, 3); pass a gradient of that shape or call backward on"
                + " a scalar");
  }

  @Test
  void itemNeedsOneElement() {
    assertThatThrownBy(() -> Tensor.zeros(2, 3).item())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item: expected a tensor with one element, got shape (2, 3)");
  }

  @Test
  void reshapeNeedsTheSameNumberOfElements() {
    assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reshape: cannot reshape (2, 3) (6 elements) into (4, 2) (8 elements)");
    assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reshape: cannot reshape (2, 3) (6 elements) into (4, -1)");
  }
}
