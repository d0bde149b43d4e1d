package org.tinyformer.kernels.norms;

import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.SpeedReport;

/**
 * {@code KernelSpeed}'s norm cases: softmax, layer norm, cross-entropy, plain vs vector vs kernel.
 */
public final class NormsSpeed {
  private NormsSpeed() {}

  /** Times and prints every case of this family. */
  public static void run(Rng rng) {
    softmax(rng);
    layerNorm(rng);
    crossEntropy(rng);
  }

  private static void softmax(Rng rng) {
    int rows = 4096, cols = 256, n = rows * cols;
    float[] x = randn(rng, n, 3f), y = new float[n], d = new float[n];
    SpeedReport.report(
        "softmax fwd+bwd",
        rows + "x" + cols,
        () -> {
          SoftmaxPlain.forward(y, x, rows, cols);
          SoftmaxPlain.backward(d, y, x, rows, cols);
        },
        () -> {
          SoftmaxVector.forwardRows(y, x, cols, 0, rows);
          SoftmaxVector.backwardRows(d, y, x, cols, 0, rows);
        },
        () -> {
          SoftmaxKernel.forward(y, x, rows, cols);
          SoftmaxKernel.backward(d, y, x, rows, cols);
        });
  }

  private static void layerNorm(Rng rng) {
    int N = 4096, C = 384;
    float[] x = randn(rng, N * C, 1f), w = randn(rng, C, 1f);
    float[] y = new float[N * C], m = new float[N], s = new float[N], dx = new float[N * C];
    float[] dw = new float[C], db = new float[C];
    SpeedReport.report(
        "layernorm fwd+bwd",
        N + "x" + C,
        () -> {
          LayerNormPlain.forward(y, m, s, x, w, w, 1, N, C, 1e-5f);
          LayerNormPlain.backward(dx, dw, db, x, x, w, m, s, 1, N, C);
        },
        () -> {
          LayerNormVector.forwardRows(y, m, s, x, w, w, C, 1e-5f, 0, N);
          LayerNormVector.backwardRows(dx, x, x, w, m, s, C, 0, N);
          LayerNormVector.paramGradColumns(dw, db, x, x, m, s, N, C, 0, C);
        },
        () -> {
          LayerNormKernel.forward(y, m, s, x, w, w, 1, N, C);
          LayerNormKernel.backward(dx, dw, db, x, x, w, m, s, 1, N, C);
        });
  }

  private static void crossEntropy(Rng rng) {
    int N = 4096, V = 65;
    float[] logits = randn(rng, N * V, 2f), probs = new float[N * V];
    float[] losses = new float[N], dl = new float[N * V], g = new float[N];
    int[] t = new int[N];
    for (int i = 0; i < N; i++) {
      t[i] = rng.nextInt(V);
    }
    SpeedReport.report(
        "crossentropy fwd+bwd",
        N + "x" + V,
        () -> {
          CrossEntropyPlain.forward(losses, probs, logits, t, -1, N, V);
          CrossEntropyPlain.backward(dl, g, probs, t, -1, N, V);
        },
        () -> {
          CrossEntropyVector.forwardRows(losses, probs, logits, t, -1, V, 0, N);
          CrossEntropyVector.backwardRows(dl, g, probs, t, -1, V, 0, N);
        },
        () -> {
          CrossEntropyKernel.forward(losses, probs, logits, t, -1, N, V);
          CrossEntropyKernel.backward(dl, g, probs, t, -1, N, V);
        });
  }
}
