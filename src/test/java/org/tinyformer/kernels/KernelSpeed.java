package org.tinyformer.kernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tinyformer.base.Rng;

/**
 * A timing main (not a test): best-of-runs times of the plain twin vs Vector API loop on one thread
 * vs the full kernel (vector, parallel), in milliseconds, and speedups. Run after {@code mvn
 * test-compile}: {@code java --add-modules jdk.incubator.vector -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) org.tinyformer.kernels.KernelSpeed}
 * (cp.txt from dependency:build-classpath).
 */
public final class KernelSpeed {
  private KernelSpeed() {}

  public static void main(String[] args) {
    System.out.printf(
        "# java %s, %s, %d threads%n", Runtime.version(), Simd.describe(), Parallel.threads());
    System.out.println(
        "kernel shape plain_ms vector1t_ms kernel_ms vector1t_speedup kernel_speedup");
    Rng rng = new Rng(1);
    gelu(rng);
    softmax(rng);
    layerNorm(rng);
    crossEntropy(rng);
    attention(rng, 8, 64, 128, 4);
    attention(rng, 4, 256, 384, 6);
    adamw(rng);
  }

  private static void gelu(Rng rng) {
    int n = 4096 * 1536;
    float[] x = KernelAsserts.randn(rng, n, 2f), y = new float[n], d = new float[n];
    report(
        "gelu fwd+bwd",
        "N=" + n,
        () -> {
          GeluPlain.forward(y, x, n);
          GeluPlain.backward(d, x, y, n);
        },
        () -> {
          GeluVector.forwardRange(y, x, 0, n);
          GeluVector.backwardRange(d, x, y, 0, n);
        },
        () -> {
          GeluKernel.forward(y, x, n);
          GeluKernel.backward(d, x, y, n);
        });
  }

  private static void softmax(Rng rng) {
    int rows = 4096, cols = 256, n = rows * cols;
    float[] x = KernelAsserts.randn(rng, n, 3f), y = new float[n], d = new float[n];
    report(
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
    float[] x = KernelAsserts.randn(rng, N * C, 1f), w = KernelAsserts.randn(rng, C, 1f);
    float[] y = new float[N * C], m = new float[N], s = new float[N], dx = new float[N * C];
    float[] dw = new float[C], db = new float[C];
    report(
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
    float[] logits = KernelAsserts.randn(rng, N * V, 2f), probs = new float[N * V];
    float[] losses = new float[N], dl = new float[N * V], g = new float[N];
    int[] t = new int[N];
    for (int i = 0; i < N; i++) {
      t[i] = rng.nextInt(V);
    }
    report(
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

  private static void attention(Rng rng, int B, int T, int C, int NH) {
    float[] qkv = KernelAsserts.randn(rng, B * T * 3 * C, 1f), dqkv = new float[qkv.length];
    float[] out = new float[B * T * C], att = new float[B * NH * T * T];
    AttentionHeads a = AttentionKernel.packed(qkv, qkv, null, true, B, T, T, C, NH);
    report(
        "attention fwd+bwd",
        "B=" + B + ",T=" + T + ",C=" + C + ",NH=" + NH,
        () -> {
          AttentionPlain.forward(a, out, att, 0, B * NH);
          AttentionPlain.backward(a, dqkv, dqkv, dqkv, out, att, 0, B * NH);
        },
        () ->
            oneThreadInsidePool(
                () -> {
                  AttentionVector.forward(a, out, att, 0, B * NH);
                  AttentionVector.backward(a, dqkv, dqkv, dqkv, out, att, 0, B * NH);
                }),
        () -> {
          AttentionKernel.forward(out, att, qkv, B, T, C, NH);
          AttentionKernel.backward(dqkv, out, qkv, att, B, T, C, NH);
        });
  }

  /** Runs r on one pool thread, so that the Gemm calls inside it stay single-threaded. */
  private static void oneThreadInsidePool(Runnable r) {
    Parallel.forRange(
        2,
        1,
        (s, e) -> {
          if (s == 0) {
            r.run();
          }
        });
  }

  private static void adamw(Rng rng) {
    int n = 4_000_000;
    float[] p = KernelAsserts.randn(rng, n, 1f), g = KernelAsserts.randn(rng, n, 1f);
    float[] m = new float[n], v = new float[n];
    float[] c = AdamWKernel.constants(1e-4f, 0.9f, 0.95f, 0.1f, 10);
    report(
        "adamw",
        "n=" + n,
        () -> AdamWPlain.update(p, g, m, v, n, 1e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 10),
        () -> AdamWVector.updateRange(p, g, m, v, 0.9f, 0.95f, 1e-8f, c, 0, n),
        () -> AdamWKernel.update(p, g, m, v, n, 1e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 10));
  }

  private static void report(
      String name, String shape, Runnable plain, Runnable vec, Runnable kernel) {
    double tp = best(plain);
    double tv = best(vec);
    double tk = best(kernel);
    System.out.printf(
        Locale.ROOT,
        "%s %s %.3f %.3f %.3f %.1fx %.1fx%n",
        name,
        shape,
        tp,
        tv,
        tk,
        tp / tv,
        tp / tk);
  }

  /**
   * Fastest run in milliseconds over at least 7 runs and 0.5 s, after 3 warm-up runs: on a shared,
   * oversubscribed machine the minimum is the least noisy estimate of the uncontended time.
   */
  private static double best(Runnable r) {
    for (int i = 0; i < 3; i++) {
      r.run();
    }
    List<Double> times = new ArrayList<>();
    long start = System.nanoTime();
    while (times.size() < 7 || System.nanoTime() - start < 500_000_000L) {
      long t0 = System.nanoTime();
      r.run();
      times.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(times);
    return times.get(0);
  }
}
