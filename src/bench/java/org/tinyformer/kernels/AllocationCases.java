package org.tinyformer.kernels;

import static org.tinyformer.kernels.AllocationCase.pooled;
import static org.tinyformer.kernels.AllocationCase.serial;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.attention.AttentionKernel;
import org.tinyformer.kernels.elementwise.AdamWKernel;
import org.tinyformer.kernels.elementwise.EmbeddingKernel;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.gemm.MatmulKernel;
import org.tinyformer.kernels.norms.CrossEntropyKernel;
import org.tinyformer.kernels.norms.LayerNormKernel;
import org.tinyformer.kernels.norms.SoftmaxKernel;
import org.tinyformer.kernels.norms.SoftmaxVector;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * The kernel calls {@link AllocationCheck} measures, at a GPT's shapes (B*T = 1024 rows, C = 192,
 * 4C = 768, 3C = 576). Expected per call: lambdas and Parallel's job per pool hand-off (within the
 * budget); GemmKernel its per-thread workspace only once (a ThreadLocal); attention four (forward)
 * or seven (backward) scratch arrays per parallel chunk plus the lambdas of its 2 (forward) or 4
 * (backward) nested GemmKernel calls per (b, h) pair; AdamW a float[3] of constants; VectorMath
 * nothing.
 */
final class AllocationCases {
  private AllocationCases() {}

  private static final int N = 1024; // B * T rows
  private static final int C = 192;

  /** Bytes a GemmKernel call allocates in lambdas when it runs inline (measured: 56-176). */
  private static final long GEMM_LAMBDAS = 200;

  /** Keeps results of value-returning primitives alive so the JIT cannot drop the calls. */
  static float sink;

  static List<AllocationCase> all(Rng rng) {
    List<AllocationCase> cases = new ArrayList<>();
    cases.add(serial("(empty: measurement overhead)", () -> {}));
    gemm(cases, rng, 128, 32, 128); // attention-like: q kᵀ of one head
    gemm(cases, rng, 1024, 192, 576); // weight-like: the qkv projection
    gemm(cases, rng, 61, 37, 29); // odd sizes: tails everywhere
    layers(cases, rng);
    softmax(cases, rng);
    attention(cases, rng, 4, 128, 128, 4); // HS 32: the causal kernel
    attention(cases, rng, 4, 64, 128, 8); // HS 16: the general path with AVX-512
    optimizer(cases, rng);
    if (Simd.AVAILABLE) { // the primitives below exist only with the Vector API module
      vectorMath(cases, rng, 192);
      vectorMath(cases, rng, 1001);
    }
    return cases;
  }

  private static void gemm(List<AllocationCase> cases, Rng rng, int M, int K, int N) {
    float[] a = randn(rng, M * K, 1f); // (M, K) or (K, M)
    float[] b = randn(rng, K * N, 1f); // (K, N) or (N, K)
    float[] c = new float[M * N]; // (M, N)
    for (GemmKernel.Layout layout : GemmKernel.Layout.values()) {
      cases.add(
          pooled(
              "gemm " + layout.label() + " " + M + "x" + K + "x" + N,
              () -> GemmKernel.matmul(layout, c, 0, a, 0, b, 0, M, K, N, false)));
    }
  }

  private static void layers(List<AllocationCase> cases, Rng rng) {
    int OC = 3 * C;
    float[] x = randn(rng, N * C, 1f), dx = new float[N * C]; // (N, C)
    float[] w = randn(rng, OC * C, 0.1f), dw = new float[OC * C]; // (OC, C)
    float[] bias = randn(rng, OC, 0.1f), dbias = new float[OC]; // (OC)
    float[] y = new float[N * OC], dy = randn(rng, N * OC, 1f); // (N, OC)
    cases.add(pooled("matmul forward +bias", () -> MatmulKernel.forward(y, x, w, bias, N, C, OC)));
    cases.add(
        pooled(
            "matmul backward +bias",
            () -> MatmulKernel.backward(dx, dw, dbias, dy, x, w, N, C, OC)));
    float[] g = randn(rng, C, 1f), dg = new float[C], beta = new float[C], db = new float[C]; // (C)
    float[] mean = new float[N], rstd = new float[N]; // (N)
    float[] ln = new float[N * C]; // (N, C)
    cases.add(
        pooled(
            "layernorm forward",
            () -> LayerNormKernel.forward(ln, mean, rstd, x, g, beta, 8, N / 8, C)));
    cases.add(
        pooled(
            "layernorm backward",
            () -> LayerNormKernel.backward(dx, dg, db, ln, x, g, mean, rstd, 8, N / 8, C)));
    int n = N * 4 * C;
    float[] h = randn(rng, n, 1f), gh = new float[n], dh = new float[n]; // (N, 4C)
    cases.add(pooled("gelu forward", () -> GeluKernel.forward(gh, h, n)));
    cases.add(pooled("gelu backward", () -> GeluKernel.backward(dh, h, gh, n)));
    cases.add(pooled("gelu with derivative", () -> GeluKernel.forwardWithDerivative(gh, dh, h, n)));
  }

  private static void softmax(List<AllocationCase> cases, Rng rng) {
    int T = 128, V = 65;
    float[] s = randn(rng, N * T, 2f), p = new float[N * T], dp = new float[N * T]; // (N, T)
    cases.add(pooled("softmax forward", () -> SoftmaxKernel.forward(p, s, N, T)));
    cases.add(pooled("softmax backward", () -> SoftmaxKernel.backward(dp, p, s, N, T)));
    float[] logits = randn(rng, N * V, 2f), probs = new float[N * V]; // (N, V)
    float[] dlogits = new float[N * V], losses = new float[N], dlosses = new float[N]; // (N)
    java.util.Arrays.fill(dlosses, 1f / N);
    int[] targets = new int[N]; // (N)
    for (int i = 0; i < N; i++) {
      targets[i] = (i * 7) % V;
    }
    cases.add(
        pooled(
            "crossentropy forward",
            () -> CrossEntropyKernel.forward(losses, probs, logits, targets, -1, N, V)));
    cases.add(
        pooled(
            "crossentropy backward",
            () -> CrossEntropyKernel.backward(dlogits, dlosses, probs, targets, -1, N, V)));
  }

  private static void attention(List<AllocationCase> cases, Rng rng, int B, int T, int C, int NH) {
    float[] qkv = randn(rng, B * T * 3 * C, 1f), dqkv = new float[B * T * 3 * C]; // (B, T, 3C)
    float[] out = new float[B * T * C], dout = randn(rng, B * T * C, 1f); // (B, T, C)
    float[] att = new float[B * NH * T * T]; // (B, NH, T, T)
    int pairs = B * NH;
    long gemm = pairs * GEMM_LAMBDAS; // per (b, h) pair and nested GemmKernel call
    String shape = " B" + B + " T" + T + " C" + C + " NH" + NH;
    cases.add(
        new AllocationCase(
            "attention forward" + shape,
            true,
            2 * gemm, // scratch is per thread and kept between calls
            () -> AttentionKernel.forward(out, att, qkv, B, T, C, NH)));
    cases.add(
        new AllocationCase(
            "attention backward" + shape,
            true,
            4 * gemm, // scratch is per thread and kept between calls
            () -> AttentionKernel.backward(dqkv, dout, qkv, att, B, T, C, NH)));
  }

  private static void optimizer(List<AllocationCase> cases, Rng rng) {
    int n = 3 * C * C;
    float[] p = randn(rng, n, 0.1f), g = randn(rng, n, 0.01f); // (3C, C)
    float[] m = new float[n], v = new float[n]; // (3C, C)
    cases.add(
        pooled(
            "adamw update",
            () -> AdamWKernel.update(p, g, m, v, n, 1e-6f, 0.9f, 0.95f, 1e-8f, 0.1f, 10)));
    int V = 65, T = 128;
    int[] ids = new int[N]; // (B, T)
    for (int i = 0; i < N; i++) {
      ids[i] = (i * 13) % V;
    }
    float[] wte = randn(rng, V * C, 1f), dwte = new float[V * C]; // (V, C)
    float[] wpe = randn(rng, T * C, 1f), dwpe = new float[T * C]; // (T, C)
    float[] x = new float[N * C], dx = randn(rng, N * C, 1f); // (B, T, C)
    int B = N / T;
    cases.add(
        pooled("embedding forward", () -> EmbeddingKernel.forward(x, ids, wte, wpe, B, T, C)));
    cases.add(
        pooled("embedding backward", () -> EmbeddingKernel.backward(dwte, dwpe, dx, ids, B, T, C)));
  }

  private static void vectorMath(List<AllocationCase> cases, Rng rng, int n) {
    float[] a = randn(rng, n, 1f), b = randn(rng, n, 1f), y = new float[n]; // (n)
    cases.add(serial("VectorMath.dot n=" + n, () -> sink += VectorMath.dot(a, 0, b, 0, n)));
    cases.add(serial("VectorMath.axpy n=" + n, () -> VectorMath.axpy(y, 0, 1e-3f, a, 0, n)));
    cases.add(serial("VectorMath.scale n=" + n, () -> VectorMath.scale(y, 0, 0.999f, n)));
    cases.add(serial("VectorMath.max n=" + n, () -> sink += VectorMath.max(a, 0, n)));
    cases.add(
        serial(
            "SoftmaxVector.expShifted n=" + n,
            () -> sink += SoftmaxVector.expShifted(y, 0, a, 0, n, 4f)));
  }
}
