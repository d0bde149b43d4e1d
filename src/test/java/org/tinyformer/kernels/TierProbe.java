package org.tinyformer.kernels;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.attention.AttentionKernel;
import org.tinyformer.kernels.elementwise.AdamWKernel;
import org.tinyformer.kernels.elementwise.ElementwiseKernel;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.elementwise.SiluKernel;
import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.gemm.GemvKernel;
import org.tinyformer.kernels.norms.CrossEntropyKernel;
import org.tinyformer.kernels.norms.LayerNormKernel;
import org.tinyformer.kernels.norms.RmsNormKernel;
import org.tinyformer.kernels.norms.SoftmaxKernel;

/**
 * Runs every kernel with a reduction or a transcendental function on fixed inputs and hashes the
 * output bits, for {@link TierIndependenceTest}. As a main it runs them {@code args[0]} times (to
 * reach a JIT tier), at batch size {@code args[1]}, and prints {@code name hash} lines.
 */
public final class TierProbe {
  // sizes off the vector width (tails), rows long enough for several vectors
  private static final int T = 20, C = 40, NH = 2, V = 37;
  private final int B;
  private final int N;

  private TierProbe(int B) {
    this.B = B;
    this.N = B * T;
  }

  public static void main(String[] args) {
    int reps = Integer.parseInt(args[0]);
    for (Map.Entry<String, Integer> e : hashes(reps, Integer.parseInt(args[1])).entrySet()) {
      System.out.println(e.getKey() + " " + e.getValue());
    }
  }

  /**
   * Hash of each kernel's outputs after running all of them {@code reps} times on batch size B; a
   * large B makes the kernels split their work into chunks across threads.
   */
  static Map<String, Integer> hashes(int reps, int B) {
    Map<String, Integer> h = new LinkedHashMap<>();
    for (int r = 0; r < reps; r++) {
      h.clear();
      new TierProbe(B).runAll(h);
    }
    return h;
  }

  private void runAll(Map<String, Integer> h) {
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
    int n = 1250 * B;
    float[] p = randn(rng, n), g = randn(rng, n), m = new float[n], v = new float[n];
    AdamWKernel.update(p, g, m, v, n, 1e-3f, 0.9f, 0.99f, 1e-8f, 0.1f, 3);
    put(h, "adamw", p, m, v, new float[] {(float) AdamWKernel.sumOfSquares(g, n)});
  }

  private void gemms(Map<String, Integer> h, Rng rng) {
    int M = 7 * B; // a as (M, C), also read as (C, M) for aᵀ
    float[] a = randn(rng, M * C), bt = randn(rng, 19 * C), b = randn(rng, C * 19);
    for (int n : new int[] {3, 19}) {
      float[] c = new float[M * n], d = new float[M * n], e = new float[M * n];
      GemmKernel.matmulTransB(c, 0, a, 0, bt, 0, M, C, n, false); // (M, C) · (n, C)ᵀ
      GemmKernel.matmul(d, 0, a, 0, b, 0, M, C, n, false); // (M, C) · (C, n)
      GemmKernel.matmulTransA(e, 0, a, 0, b, 0, M, C, n, false); // (C, M)ᵀ · (C, n)
      float[] gv = new float[M * n];
      GemvKernel.forward(gv, a, bt, null, M, C, n);
      put(h, "gemm n=" + n, c, d, e, gv);
    }
    if (B >= 64) { // a weight gradient's shape: aᵀ b over many rows, split across threads
      float[] x = randn(rng, 384 * 256), y = randn(rng, 384 * 64), dw = new float[256 * 64];
      GemmKernel.matmulTransA(dw, 0, x, 0, y, 0, 256, 384, 64, false); // (384, 256)ᵀ · (384, 64)
      put(h, "gemm aT b 256x384x64", dw);
      float[] z = randn(rng, 384 * 150), dz = new float[256 * 150]; // N > 128: packed aᵀ panels
      GemmKernel.matmulTransA(dz, 0, x, 0, z, 0, 256, 384, 150, false); // (384, 256)ᵀ · (384, 150)
      put(h, "gemm aT b 256x384x150", dz);
    }
  }

  private void softmaxes(Map<String, Integer> h, float[] x, float[] dout) {
    float[] s = new float[N * C], ds = new float[N * C], ls = new float[N * C];
    float[] dls = new float[N * C], ex = new float[N * C], lg = new float[N * C];
    float[] th = new float[N * C];
    SoftmaxKernel.forward(s, x, N, C);
    SoftmaxKernel.backward(ds, s, dout, N, C);
    SoftmaxKernel.logForward(ls, x, N, C);
    SoftmaxKernel.logBackward(dls, ls, dout, N, C);
    put(h, "softmax", s, ds, ls, dls);
    ElementwiseKernel.exp(ex, x, N * C);
    ElementwiseKernel.log(lg, s, N * C);
    ElementwiseKernel.tanh(th, x, N * C);
    put(h, "exp log tanh", ex, lg, th);
  }

  private void activations(Map<String, Integer> h, float[] x, float[] dout) {
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

  private void attention(Map<String, Integer> h, Rng rng) {
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
