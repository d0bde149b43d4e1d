package org.tinyformer.tensor;

import org.tinyformer.base.Checks;

/**
 * Cross-entropy of logits {@code (..., V)} against one target id per row: {@code loss_r =
 * logsumexp(x_r) - x_r[target_r]}, fused with the softmax so backward is {@code (p - onehot) *
 * dOut}. Rows whose target is {@code ignoreIndex} count for nothing; MEAN averages over the rest.
 */
final class CrossEntropyOp {
  private CrossEntropyOp() {}

  static Tensor crossEntropy(Tensor logits, int[] targets, int ignoreIndex, Reduction reduction) {
    Checks.check(logits.rank() >= 1, "crossEntropy: logits need a class dimension, got shape ()");
    int V = logits.size(-1);
    int rows = logits.numel() / Math.max(V, 1);
    Checks.check(
        targets.length == rows,
        "crossEntropy: expected %d targets (one per row of %s), got %d",
        rows,
        logits.shape(),
        targets.length);
    float[] x = logits.data();
    float[] probs = new float[x.length]; // (rows, V), kept for backward
    double total = 0;
    int counted = 0;
    for (int r = 0; r < rows; r++) {
      int t = targets[r];
      if (t == ignoreIndex) {
        continue;
      }
      Checks.check(
          t >= 0 && t < V,
          "crossEntropy: target %d at row %d is out of range for %d classes",
          t,
          r,
          V);
      int base = r * V;
      float max = Float.NEGATIVE_INFINITY;
      for (int v = 0; v < V; v++) {
        max = Math.max(max, x[base + v]);
      }
      double sum = 0;
      for (int v = 0; v < V; v++) {
        float e = (float) Math.exp(x[base + v] - max);
        probs[base + v] = e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int v = 0; v < V; v++) {
        probs[base + v] *= inv;
      }
      total += Math.log(sum) + max - x[base + t];
      counted++;
    }
    // MEAN over zero counted rows is 0 (PyTorch gives NaN), so an all-padding batch is harmless.
    float scale = reduction == Reduction.SUM || counted == 0 ? 1f : 1f / counted;
    Tensor out =
        Tensor.result("crossEntropy", new float[] {(float) total * scale}, Shape.of(), logits);
    return out.onBackward(
        () -> {
          // d(loss_r)/dx_r = softmax(x_r) - onehot(target_r), times dOut and the mean's 1/count
          float g = out.grad()[0] * scale;
          float[] dx = logits.gradOrZeros();
          for (int r = 0; r < rows; r++) {
            if (targets[r] == ignoreIndex) {
              continue;
            }
            int base = r * V;
            for (int v = 0; v < V; v++) {
              dx[base + v] += g * probs[base + v];
            }
            dx[base + targets[r]] -= g;
          }
        });
  }
}
