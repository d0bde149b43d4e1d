package org.tinyformer.kernels.norms;

/**
 * Plain-loop twin of {@link CrossEntropyKernel}: the test oracle and the fallback without the
 * Vector API. {@code loss = logsumexp(logits) - logits[target]} per row.
 */
public final class CrossEntropyPlain {
  private CrossEntropyPlain() {}

  /**
   * Single-threaded {@link CrossEntropyKernel#forward}, no argument checks; returns rows counted.
   */
  public static int forward(
      float[] losses, float[] probs, float[] logits, int[] targets, int ignoreIndex, int N, int V) {
    forwardRows(losses, probs, logits, targets, ignoreIndex, V, 0, N);
    return CrossEntropyKernel.counted(targets, ignoreIndex, N);
  }

  /** Single-threaded {@link CrossEntropyKernel#backward}, no argument checks. */
  public static void backward(
      float[] dlogits,
      float[] dlosses,
      float[] probs,
      int[] targets,
      int ignoreIndex,
      int N,
      int V) {
    backwardRows(dlogits, dlosses, probs, targets, ignoreIndex, V, 0, N);
  }

  static void forwardRows(
      float[] losses,
      float[] probs,
      float[] logits,
      int[] targets,
      int ignoreIndex,
      int V,
      int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * V; // row (V) of logits and probs
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < V; j++) {
        max = Math.max(max, logits[o + j]);
      }
      float sum = 0f;
      for (int j = 0; j < V; j++) {
        sum += (float) Math.exp(logits[o + j] - max);
      }
      if (probs != null) {
        for (int j = 0; j < V; j++) {
          probs[o + j] = (float) Math.exp(logits[o + j] - max) / sum;
        }
      }
      int t = targets[r];
      losses[r] = t == ignoreIndex ? 0f : max + (float) Math.log(sum) - logits[o + t];
    }
  }

  /** forward was: {@code loss = -log softmax(logits)[target]}, so dlogits += (probs - onehot) g. */
  static void backwardRows(
      float[] dlogits,
      float[] dlosses,
      float[] probs,
      int[] targets,
      int ignoreIndex,
      int V,
      int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      int t = targets[r];
      if (t == ignoreIndex) {
        continue;
      }
      int o = r * V;
      float g = dlosses[r];
      for (int j = 0; j < V; j++) {
        dlogits[o + j] += (probs[o + j] - (j == t ? 1f : 0f)) * g;
      }
    }
  }
}
