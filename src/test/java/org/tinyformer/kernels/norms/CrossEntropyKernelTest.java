package org.tinyformer.kernels.norms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.FiniteDifferences.dot;
import static org.tinyformer.kernels.runtime.FiniteDifferences.gradient;
import static org.tinyformer.kernels.runtime.FiniteDifferences.toDouble;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.minus;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.KernelArgs;

class CrossEntropyKernelTest {
  private final Rng rng = new Rng(16);

  @Test
  void fastMatchesPlainOverShapeGrid() {
    for (int[] s : new int[][] {{1, 1}, {1, 2}, {5, 17}, {64, 65}, {300, 256}, {7, 1000}}) {
      int N = s[0], V = s[1];
      String at = "(N, V) = " + KernelArgs.dims(s);
      float[] logits = randn(rng, N * V, 3f), dlosses = randn(rng, N, 1f);
      int[] targets = targets(N, V);
      float[] losses = new float[N], probs = new float[N * V];
      float[] lossesP = new float[N], probsP = new float[N * V];
      int count = CrossEntropyKernel.forward(losses, probs, logits, targets, -1, N, V);
      int countP = CrossEntropyPlain.forward(lossesP, probsP, logits, targets, -1, N, V);
      assertThat(count).as(at).isEqualTo(countP);
      assertClose("losses " + at, losses, lossesP, 1e-5);
      assertClose("probs " + at, probs, probsP, 1e-6);
      float[] dlogits = randn(rng, N * V, 1f), dlogitsP = dlogits.clone();
      CrossEntropyKernel.backward(dlogits, dlosses, probs, targets, -1, N, V);
      CrossEntropyPlain.backward(dlogitsP, dlosses, probsP, targets, -1, N, V);
      assertClose("dlogits " + at, dlogits, dlogitsP, 1e-5);
    }
  }

  @Test
  void backwardMatchesFiniteDifferencesAndSkipsIgnoredRows() {
    int N = 4, V = 6;
    int[] targets = {2, -100, 5, 0};
    float[] logits = randn(rng, N * V, 2f), dlosses = randn(rng, N, 1f);
    float[] losses = new float[N], probs = new float[N * V];
    int count = CrossEntropyKernel.forward(losses, probs, logits, targets, -100, N, V);
    double[] x = toDouble(logits), g = toDouble(dlosses);
    assertThat(count).isEqualTo(3);
    assertClose("losses", losses, reference(x, targets, V), 1e-6);
    assertThat(losses[1]).isZero();
    float[] dlogits = randn(rng, N * V, 1f), dlogits0 = dlogits.clone();
    CrossEntropyKernel.backward(dlogits, dlosses, probs, targets, -100, N, V);
    assertClose(
        "dlogits",
        minus(dlogits, dlogits0),
        gradient(x, v -> dot(g, reference(v, targets, V))),
        1e-5);
  }

  @Test
  void lossOnlyWithoutProbs() {
    int N = 3, V = 33;
    float[] logits = randn(rng, N * V, 2f), losses = new float[N];
    int[] targets = {0, 32, 7};
    CrossEntropyKernel.forward(losses, null, logits, targets, -1, N, V);
    assertClose("losses", losses, reference(toDouble(logits), targets, V), 1e-6);
  }

  @Test
  void rejectsTargetOutsideVocabulary() {
    float[] logits = new float[2 * 65];
    assertThatThrownBy(
            () ->
                CrossEntropyKernel.forward(
                    new float[2], null, logits, new int[] {3, 70}, -1, 2, 65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "crossEntropy: target 70 at row 1 is outside [0, 65) and is not the ignore index -1");
  }

  private int[] targets(int N, int V) {
    int[] t = new int[N];
    for (int r = 0; r < N; r++) {
      t[r] = r % 5 == 3 ? -1 : rng.nextInt(V);
    }
    return t;
  }

  static double[] reference(double[] x, int[] targets, int V) {
    double[] loss = new double[targets.length];
    for (int r = 0; r < targets.length; r++) {
      if (targets[r] < 0) {
        continue;
      }
      double max = Double.NEGATIVE_INFINITY, sum = 0;
      for (int j = 0; j < V; j++) {
        max = Math.max(max, x[r * V + j]);
      }
      for (int j = 0; j < V; j++) {
        sum += Math.exp(x[r * V + j] - max);
      }
      loss[r] = max + Math.log(sum) - x[r * V + targets[r]];
    }
    return loss;
  }
}
