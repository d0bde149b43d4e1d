package org.tinyformer.kernels;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Rng;

/**
 * Runs every kernel with a reduction or a transcendental function on fixed inputs and hashes the
 * output bits, for {@link TierIndependenceTest}. As a main it runs them {@code args[0]} times (to
 * reach a JIT tier) and prints {@code name hash} lines.
 */
public final class TierProbe {
  private TierProbe() {}

  public static void main(String[] args) {
    for (Map.Entry<String, Integer> e : hashes(Integer.parseInt(args[0])).entrySet()) {
      System.out.println(e.getKey() + " " + e.getValue());
    }
  }

  /** Hash of each kernel's outputs after running all of them {@code reps} times. */
  static Map<String, Integer> hashes(int reps) {
    Map<String, Integer> h = new LinkedHashMap<>();
    for (int r = 0; r < reps; r++) {
      h.clear();
      runAll(h);
    }
    return h;
  }

  // sizes off the vector width (tails), rows long enough for several vectors
  private static final int B = 2, T = 20, C = 40, NH = 2, V = 37, N = B * T;

  private static void runAll(Map<String, Integer> h) {
    Rng rng = new Rng(42);
    float[] x = randn(rng, N * C),
        w = randn(rng, C),
        bias = randn(rng, C),
        dout = randn(rng, N * C);
    float[] out = new float[N * C], mean = new float[N], rstd = new float[N], dx = new float[N * C];
    LayerNormKernel.forward(out, mean, rstd, x, w, bias, B, T, C);
    LayerNormKernel.backward(dx, new float[C], new float[C], dout, x, w, mean, rstd, B, T, C);
    put(h, "layerNorm", out, mean, rstd, dx);
    float[] rOut = new float[N * C], rDx = new float[N * C], rW = new float[C];
    RmsNormKernel.forward(rOut, rstd, x, w, B, T, C);
    RmsNormKernel.backward(rDx, rW, dout, x, w, rstd, B, T, C);
    put(h, "rmsNorm", rOut, rstd, rDx, rW);
    gemms(h, rng);
    softmaxes(h, x, dout);
    activations(h, x, dout);
    attention(h, rng);
    float[] logits = randn(rng, N * V), losses = new float[N], probs = new float[N * V];
    int[] targets = new int[N];
    Arrays.setAll(targets, i -> (7 * i) % V);
    CrossEntropyKernel.forward(losses, probs, logits, targets, -1, N, V);
    put(h, "crossEntropy", losses, probs);
    float[] p = randn(rng, 2500), g = randn(rng, 2500), m = new float[2500], v = new float[2500];
    AdamWKernel.update(p, g, m, v, 2500, 1e-3f, 0.9f, 0.99f, 1e-8f, 0.1f, 3);
    put(h, "adamw", p, m, v, new float[] {(float) AdamWKernel.sumOfSquares(g, 2500)});
  }

  private static void gemms(Map<String, Integer> h, Rng rng) {
    float[] a = randn(rng, 7 * C), bt = randn(rng, 19 * C), b = randn(rng, C * 19);
    for (int n : new int[] {3, 19}) {
      float[] c = new float[7 * n], d = new float[7 * n], e = new float[C * n];
      Gemm.matmulTransB(c, 0, a, 0, bt, 0, 7, C, n, false); // (7, C) · (n, C)ᵀ
      Gemm.matmul(d, 0, a, 0, b, 0, 7, C, n, false); // (7, C) · (C, n)
      Gemm.matmulTransA(e, 0, a, 0, c, 0, C, 7, n, false); // (7, C)ᵀ · (7, n)
      float[] gv = new float[7 * n];
      Gemv.forward(gv, a, bt, null, 7, C, n);
      put(h, "gemm n=" + n, c, d, e, gv);
    }
  }

  private static void softmaxes(Map<String, Integer> h, float[] x, float[] dout) {
    float[] s = new float[N * C], ds = new float[N * C], ls = new float[N * C];
    float[] dls = new float[N * C], ex = new float[N * C], lg = new float[N * C];
    float[] th = new float[N * C];
    SoftmaxKernel.forward(s, x, N, C);
    SoftmaxKernel.backward(ds, s, dout, N, C);
    SoftmaxKernel.logForward(ls, x, N, C);
    SoftmaxKernel.logBackward(dls, ls, dout, N, C);
    put(h, "softmax", s, ds, ls, dls);
    Elementwise.exp(ex, x, N * C);
    Elementwise.log(lg, s, N * C);
    Elementwise.tanh(th, x, N * C);
    put(h, "exp log tanh", ex, lg, th);
  }

  private static void activations(Map<String, Integer> h, float[] x, float[] dout) {
    float[] ge = new float[N * C], dge = new float[N * C], si = new float[N * C];
    float[] dsi = new float[N * C], sw = new float[N * C], da = new float[N * C];
    GeluKernel.forward(ge, x, N * C);
    GeluKernel.backward(dge, x, dout, N * C);
    SiluKernel.forward(si, x, N * C);
    SiluKernel.backward(dsi, x, dout, N * C);
    SiluKernel.swigluForward(sw, x, dout, N * C);
    SiluKernel.swigluBackward(da, null, dout, x, dout, N * C);
    put(h, "gelu silu", ge, dge, si, dsi, sw, da);
  }

  private static void attention(Map<String, Integer> h, Rng rng) {
    float[] qkv = randn(rng, N * 3 * C), out = new float[N * C], att = new float[B * NH * T * T];
    float[] dqkv = new float[N * 3 * C];
    AttentionKernel.forward(out, att, qkv, B, T, C, NH);
    AttentionKernel.backward(dqkv, randn(rng, N * C), qkv, att, B, T, C, NH);
    put(h, "attention", out, att, dqkv);
  }

  private static void put(Map<String, Integer> h, String name, float[]... outputs) {
    int hash = 1;
    for (float[] o : outputs) {
      hash = 31 * hash + Arrays.hashCode(o);
    }
    h.put(name, hash);
  }

  private static float[] randn(Rng rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }
}
