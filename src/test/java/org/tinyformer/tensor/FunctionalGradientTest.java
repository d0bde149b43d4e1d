package org.tinyformer.tensor;

import static org.tinyformer.tensor.GradCheck.check;
import static org.tinyformer.tensor.GradCheck.randn;
import static org.tinyformer.tensor.GradCheck.uniform;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

/** Central-difference gradient checks of every {@link Functional} operation. */
class FunctionalGradientTest {

  @Test
  void embeddingWithRepeatedIdsMatchesFiniteDifferences() {
    int[] ids = {3, 1, 3, 0, 3, 4};
    check("embedding", in -> Functional.embedding(in[0], ids, 2, 3).exp(), randn(1, 5, 17));
  }

  @Test
  void softmaxAndLogSoftmaxOnInnerAndOuterDimsMatchFiniteDifferences() {
    for (int dim : new int[] {0, 1, -1}) {
      check("softmax " + dim, in -> Functional.softmax(in[0], dim), randn(10 + dim, 3, 4, 17));
      check("logSoftmax " + dim, in -> Functional.logSoftmax(in[0], dim), randn(20 + dim, 3, 1, 5));
    }
  }

  @Test
  void crossEntropyWithIgnoreIndexAndBothReductionsMatchesFiniteDifferences() {
    int[] targets = {2, -1, 0, 16, 5, -1};
    for (Reduction r : Reduction.values()) {
      check(
          "crossEntropy " + r,
          in -> Functional.crossEntropy(in[0], targets, -1, r),
          randn(30, 2, 3, 17));
    }
    check(
        "crossEntropy one row",
        in -> Functional.crossEntropy(in[0], new int[] {0}, -100, Reduction.MEAN),
        randn(31, 1, 1));
  }

  @Test
  void normsMatchFiniteDifferences() {
    check(
        "layerNorm",
        in -> Functional.layerNorm(in[0], in[1], in[2], 1e-5f),
        randn(40, 2, 3, 17),
        randn(41, 17),
        randn(42, 17));
    check(
        "layerNorm no bias",
        in -> Functional.layerNorm(in[0], in[1], null, 1e-5f),
        randn(43, 4, 5),
        randn(44, 5));
    check(
        "rmsNorm", in -> Functional.rmsNorm(in[0], in[1], 1e-5f), randn(45, 3, 17), randn(46, 17));
  }

  @Test
  void activationsAndDropoutMatchFiniteDifferences() {
    check("swiglu", in -> Functional.swiglu(in[0], in[1]), randn(50, 3, 17), randn(51, 3, 17));
    check("dropout", in -> Functional.dropout(in[0], 0.3f, new Rng(7), true), randn(52, 4, 17));
  }

  @Test
  void ropeMatchesFiniteDifferences() {
    check("rope", in -> Functional.rope(in[0], 0), randn(60, 2, 2, 5, 6));
    check("rope offset", in -> Functional.rope(in[0], 7), randn(61, 1, 3, 2));
    check("ropeQk", in -> Functional.ropeQk(in[0], 2, 3), randn(62, 2, 3, 12));
  }

  @Test
  void ropeQkEqualsRopeOnSplitHeads() {
    int B = 2, T = 5, NH = 2, HS = 4, C = NH * HS;
    Tensor qkv = randn(63, B, T, 3 * C);
    Tensor[] parts = qkv.split(2, C, C, C); // 3 x (B, T, C)
    Tensor[] rotated = new Tensor[2];
    for (int i = 0; i < 2; i++) {
      Tensor heads = parts[i].reshape(B, T, NH, HS).transpose(1, 2); // (B, NH, T, HS)
      rotated[i] = Functional.rope(heads, 4).transpose(1, 2).reshape(B, T, C); // (B, T, C)
    }
    Tensor expected = Tensor.cat(2, rotated[0], rotated[1], parts[2]); // (B, T, 3C)
    org.assertj.core.api.Assertions.assertThat(Functional.ropeQk(qkv, NH, 4).data())
        .containsExactly(expected.data());
  }

  @Test
  void attentionMatchesFiniteDifferences() {
    check(
        "causalSelfAttention",
        in -> Functional.causalSelfAttention(in[0], 2, null),
        randn(70, 2, 5, 12));
    Tensor padding = Tensor.of(new float[] {0, 0, 0, 1, 0, 1, 1, 1}, 2, 4); // (B, Tk)
    check(
        "cross attention with padding",
        in -> Functional.attention(in[0], in[1], in[2], 2, false, padding, null),
        randn(71, 2, 3, 4),
        randn(72, 2, 4, 4),
        randn(73, 2, 4, 4));
    check(
        "causal attention with fewer queries",
        in -> Functional.attention(in[0], in[1], in[2], 1, true, null, null),
        randn(74, 1, 2, 3),
        randn(75, 1, 5, 3),
        uniform(76, -1f, 1f, 1, 5, 3));
  }
}
