package org.tinyformer.tensor;

import static org.tinyformer.tensor.GradCheck.check;
import static org.tinyformer.tensor.GradCheck.randn;

import org.junit.jupiter.api.Test;

/** Central-difference gradient checks of reshape, transpose, permute, slice, cat and split. */
class ShapeGradientTest {

  @Test
  void reshapeAndViewMatchFiniteDifferences() {
    check("reshape", in -> in[0].reshape(6, -1).mul(in[0].reshape(6, 17)), randn(1, 2, 3, 17));
    check("view", in -> in[0].view(-1).exp(), randn(2, 3, 1, 5));
  }

  @Test
  void transposeAndPermuteMatchFiniteDifferences() {
    check("transpose", in -> in[0].transpose(0, 2).exp(), randn(3, 2, 3, 17));
    check("transpose neg", in -> in[0].transpose(-1, -2).tanh(), randn(4, 2, 1, 5));
    check("permute", in -> in[0].permute(2, 0, 3, 1).exp(), randn(5, 2, 3, 4, 5));
  }

  @Test
  void sliceCatAndSplitMatchFiniteDifferences() {
    check("slice", in -> in[0].slice(1, 1, 3).exp(), randn(6, 2, 4, 17));
    check("slice last", in -> in[0].slice(-1, 0, 1).exp(), randn(7, 3, 5));
    check(
        "cat",
        in -> Tensor.cat(1, in[0], in[1], in[0]).exp(),
        randn(8, 2, 3, 5),
        randn(9, 2, 1, 5));
    check(
        "cat dim 0", in -> Tensor.cat(0, in[0], in[1]).tanh(), randn(10, 1, 17), randn(11, 2, 17));
    check(
        "split",
        in -> {
          Tensor[] parts = in[0].split(2, 2, 0, 3); // (2, 3, 2), (2, 3, 0), (2, 3, 3)
          return parts[0]
              .exp()
              .sum(2, false)
              .mul(parts[2].sum(2, false))
              .add(parts[1].sum(2, false));
        },
        randn(12, 2, 3, 5));
  }
}
