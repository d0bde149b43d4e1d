package org.tinyformer.tensor;

import static org.tinyformer.tensor.GradCheck.check;
import static org.tinyformer.tensor.GradCheck.randn;

import org.junit.jupiter.api.Test;

/** Central-difference gradient checks of the reductions and of matmul. */
class ReductionGradientTest {

  @Test
  void fullReductionsMatchFiniteDifferences() {
    check("sum", in -> in[0].sum(), randn(1, 3, 17));
    check("mean", in -> in[0].mean(), randn(2, 2, 1, 5));
  }

  @Test
  void reductionsOverEachDimensionMatchFiniteDifferences() {
    int[] shape = {2, 3, 17};
    for (int dim = -3; dim < 3; dim++) {
      int d = dim;
      for (boolean keep : new boolean[] {false, true}) {
        check("sum " + d, in -> in[0].sum(d, keep), randn(10 + d, shape));
        check("mean " + d, in -> in[0].mean(d, keep), randn(20 + d, shape));
        check("max " + d, in -> in[0].max(d, keep), GradCheck.distinct(30 + d, shape));
      }
    }
    check("sum size-1 dim", in -> in[0].sum(1, false), randn(40, 4, 1, 3));
  }

  @Test
  void matmulMatchesFiniteDifferences() {
    check("matmul 2d", in -> in[0].matmul(in[1]), randn(50, 4, 17), randn(51, 17, 3));
    check("matmul batch @ 2d", in -> in[0].matmul(in[1]), randn(52, 2, 3, 4, 5), randn(53, 5, 6));
    check("matmul 2d @ batch", in -> in[0].matmul(in[1]), randn(54, 4, 5), randn(55, 2, 5, 3));
    check(
        "matmul broadcast batch",
        in -> in[0].matmul(in[1]),
        randn(56, 2, 1, 4, 5),
        randn(57, 3, 5, 2));
    check("matmul size 1", in -> in[0].matmul(in[1]), randn(58, 1, 1), randn(59, 1, 1));
  }

  @Test
  void linearMatchesFiniteDifferences() {
    check(
        "linear",
        in -> Functional.linear(in[0], in[1], in[2]),
        randn(60, 2, 3, 17),
        randn(61, 5, 17),
        randn(62, 5));
    check(
        "linear no bias",
        in -> Functional.linear(in[0], in[1], null),
        randn(63, 4, 3),
        randn(64, 1, 3));
  }
}
