package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.norms.CrossEntropyKernel;

/**
 * Cross-entropy of logits {@code (..., V)} against one target id per row: {@code loss_r =
 * logsumexp(x_r) - x_r[target_r]}, fused with the softmax ({@code kernels.CrossEntropyKernel}) so
 * backward is {@code (p - onehot) * dOut}. Rows whose target is {@code ignoreIndex} count for
 * nothing; MEAN averages over the rest (0 when none is left, where PyTorch gives NaN).
 */
final class CrossEntropyOp {
  private CrossEntropyOp() {}

  static Tensor crossEntropy(Tensor logits, int[] targets, int ignoreIndex, Reduction reduction) {
    Checks.check(logits.rank() >= 1, "crossEntropy: logits need a class dimension, got shape ()");
    int V = logits.size(-1);
    int N = V == 0 ? 0 : logits.numel() / V;
    Checks.check(
        targets.length == N,
        "crossEntropy: expected %d targets (one per row of %s), got %d",
        N,
        logits.shape(),
        targets.length);
    for (int r = 0; r < N; r++) {
      Checks.check(
          targets[r] == ignoreIndex || (targets[r] >= 0 && targets[r] < V),
          "crossEntropy: target %d at row %d is out of range for %d classes",
          targets[r],
          r,
          V);
    }
    boolean grad = logits.requiresGrad() && org.tinyformer.autograd.GradMode.isEnabled();
    float[] losses = StepArena.floatsToOverwrite(N); // (N)
    float[] probs = grad ? StepArena.floatsToOverwrite(N * V) : null; // (N, V), the backward cache
    int[] saved = grad ? targets.clone() : null; // (N)
    int counted =
        CrossEntropyKernel.forward(losses, probs, logits.data(), targets, ignoreIndex, N, V);
    double total = 0;
    for (float loss : losses) {
      total += loss;
    }
    float scale = reduction == Reduction.SUM || counted == 0 ? 1f : 1f / counted;
    Tensor out =
        Tensor.result("crossEntropy", new float[] {(float) total * scale}, Shape.of(), logits);
    return out.onBackward(
        () -> {
          // d(loss_r)/dx_r = softmax(x_r) - onehot(target_r), times dOut and the mean's 1/count
          float[] dLosses = StepArena.floatsToOverwrite(N); // (N), filled below
          java.util.Arrays.fill(dLosses, out.grad()[0] * scale);
          CrossEntropyKernel.backward(
              logits.gradOrZeros(), dLosses, probs, saved, ignoreIndex, N, V);
        });
  }
}
