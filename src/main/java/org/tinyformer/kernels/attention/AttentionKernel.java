package org.tinyformer.kernels.attention;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017), fused like llm.c's {@code
 * attention_forward/backward}: {@code att = softmax(q kᵀ / sqrt(HS) + mask)}, {@code out = att v}
 * per (batch, head), in parallel over the pairs. One loop serves causal self-attention on packed
 * qkv (GPT), self-attention with a key-padding mask, cross-attention on q and packed kv, and
 * separate q, k, v. The weights att (B, NH, Tq, Tk) are the backward cache and can be plotted.
 */
public final class AttentionKernel {
  private AttentionKernel() {}

  /**
   * Causal self-attention: out (B, T, C), att (B, NH, T, T), qkv (B, T, 3C) holding q, k, v as
   * three C-wide blocks per row, heads as HS-wide slices of each. Usage: {@code
   * AttentionKernel.forward(out, att, qkv, B, T, C, NH)}.
   */
  public static void forward(float[] out, float[] att, float[] qkv, int B, int T, int C, int NH) {
    selfForward(out, att, qkv, null, true, B, T, C, NH);
  }

  // spotless:off
  /**
   * Self-attention on qkv (B, T, 3C), causal or not, with keyPadding (B, T) (true = key ignored) or
   * null. A query that sees no key gets zero weights and zero output.
   */
  public static void selfForward(float[] out, float[] att, float[] qkv, boolean[] keyPadding, boolean causal, int B, int T, int C, int NH) {
    String op = "attention";
    checkDims(op, B, T, T, C, NH);
    KernelArgs.floats(op, "qkv", qkv, B, T, 3 * C);
    checkOutputs(op, out, att, keyPadding, B, T, T, C, NH);
    run(packed(qkv, qkv, keyPadding, causal, B, T, T, C, NH), out, att);
  }
  // spotless:on

  // spotless:off
  /**
   * Accumulates into dqkv (B, T, 3C) from dout (B, T, C), qkv and the forward's att (B, NH, T, T);
   * the mask of the forward is already in att, so this serves every self-attention variant.
   */
  public static void backward(float[] dqkv, float[] dout, float[] qkv, float[] att, int B, int T, int C, int NH) {
    String op = "attentionBackward";
    checkDims(op, B, T, T, C, NH);
    KernelArgs.floats(op, "dqkv", dqkv, B, T, 3 * C);
    KernelArgs.floats(op, "qkv", qkv, B, T, 3 * C);
    checkGradInputs(op, dout, att, B, T, T, C, NH);
    AttentionHeads a = packed(qkv, qkv, null, false, B, T, T, C, NH);
    runBackward(a, dqkv, dqkv, dqkv, dout, att);
  }
  // spotless:on

  // spotless:off
  /**
   * Cross-attention: queries q (B, Tq, C) attend to keys and values kv (B, Tk, 2C) (k then v per
   * row), keyPadding (B, Tk) or null; out (B, Tq, C), att (B, NH, Tq, Tk).
   */
  public static void crossForward(float[] out, float[] att, float[] q, float[] kv, boolean[] keyPadding, int B, int Tq, int Tk, int C, int NH) {
    String op = "crossAttention";
    checkDims(op, B, Tq, Tk, C, NH);
    KernelArgs.floats(op, "q", q, B, Tq, C);
    KernelArgs.floats(op, "kv", kv, B, Tk, 2 * C);
    checkOutputs(op, out, att, keyPadding, B, Tq, Tk, C, NH);
    int[] dims = {B, Tq, Tk, C, NH};
    run(new AttentionHeads(q, 0, C, kv, 0, 2 * C, kv, C, 2 * C, keyPadding, false, dims), out, att);
  }
  // spotless:on

  /** Accumulates into dq (B, Tq, C) and dkv (B, Tk, 2C), either may be null. */
  // spotless:off
  public static void crossBackward(float[] dq, float[] dkv, float[] dout, float[] q, float[] kv, float[] att, int B, int Tq, int Tk, int C, int NH) {
    String op = "crossAttentionBackward";
    checkDims(op, B, Tq, Tk, C, NH);
    KernelArgs.optionalFloats(op, "dq", dq, B, Tq, C);
    KernelArgs.optionalFloats(op, "dkv", dkv, B, Tk, 2 * C);
    KernelArgs.floats(op, "q", q, B, Tq, C);
    KernelArgs.floats(op, "kv", kv, B, Tk, 2 * C);
    checkGradInputs(op, dout, att, B, Tq, Tk, C, NH);
    int[] dims = {B, Tq, Tk, C, NH};
    runBackward(new AttentionHeads(q, 0, C, kv, 0, 2 * C, kv, C, 2 * C, null, false, dims), dq, dkv, dkv, dout, att);
  }
  // spotless:on

  // spotless:off
  /**
   * General form on separate q (B, Tq, C), k and v (B, Tk, C). With {@code causal}, query i sees
   * keys j <= i + (Tk - Tq) (the queries are the last Tq positions, as with a KV cache).
   */
  public static void forward(float[] out, float[] att, float[] q, float[] k, float[] v, boolean[] keyPadding, boolean causal, int B, int Tq, int Tk, int C, int NH) {
    String op = "attention";
    checkDims(op, B, Tq, Tk, C, NH);
    KernelArgs.floats(op, "q", q, B, Tq, C);
    KernelArgs.floats(op, "k", k, B, Tk, C);
    KernelArgs.floats(op, "v", v, B, Tk, C);
    checkOutputs(op, out, att, keyPadding, B, Tq, Tk, C, NH);
    int[] dims = {B, Tq, Tk, C, NH};
    run(new AttentionHeads(q, 0, C, k, 0, C, v, 0, C, keyPadding, causal, dims), out, att);
  }
  // spotless:on

  /** Accumulates into dq (B, Tq, C), dk and dv (B, Tk, C), each may be null. */
  // spotless:off
  public static void backward(float[] dq, float[] dk, float[] dv, float[] dout, float[] q, float[] k, float[] v, float[] att, int B, int Tq, int Tk, int C, int NH) {
    String op = "attentionBackward";
    checkDims(op, B, Tq, Tk, C, NH);
    KernelArgs.optionalFloats(op, "dq", dq, B, Tq, C);
    KernelArgs.optionalFloats(op, "dk", dk, B, Tk, C);
    KernelArgs.optionalFloats(op, "dv", dv, B, Tk, C);
    KernelArgs.floats(op, "q", q, B, Tq, C);
    KernelArgs.floats(op, "k", k, B, Tk, C);
    KernelArgs.floats(op, "v", v, B, Tk, C);
    checkGradInputs(op, dout, att, B, Tq, Tk, C, NH);
    int[] dims = {B, Tq, Tk, C, NH};
    runBackward(new AttentionHeads(q, 0, C, k, 0, C, v, 0, C, null, false, dims), dq, dk, dv, dout, att);
  }
  // spotless:on

  /** Heads of q in {@code qArr} and of k, v in {@code kvArr}, both packed (B, T, 3C). */
  static AttentionHeads packed(
      float[] qArr,
      float[] kvArr,
      boolean[] pad,
      boolean causal,
      int B,
      int Tq,
      int Tk,
      int C,
      int NH) {
    int[] dims = {B, Tq, Tk, C, NH};
    return new AttentionHeads(
        qArr, 0, 3 * C, kvArr, C, 3 * C, kvArr, 2 * C, 3 * C, pad, causal, dims);
  }

  private static void run(AttentionHeads a, float[] out, float[] att) {
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        a.B * a.NH,
        1,
        (p0, p1) -> {
          if (vector) {
            AttentionVector.forward(a, out, att, p0, p1);
          } else {
            AttentionPlain.forward(a, out, att, p0, p1);
          }
        });
  }

  private static void runBackward(
      AttentionHeads a, float[] dq, float[] dk, float[] dv, float[] dout, float[] att) {
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        a.B * a.NH,
        1,
        (p0, p1) -> {
          if (vector) {
            AttentionVector.backward(a, dq, dk, dv, dout, att, p0, p1);
          } else {
            AttentionPlain.backward(a, dq, dk, dv, dout, att, p0, p1);
          }
        });
  }

  private static void checkDims(String op, int B, int Tq, int Tk, int C, int NH) {
    KernelArgs.positive(op, "B, Tq, Tk, C, NH", B, Tq, Tk, C, NH);
    KernelArgs.check(C % NH == 0, "%s: C (%d) must be divisible by NH (%d)", op, C, NH);
  }

  private static void checkOutputs(
      String op, float[] out, float[] att, boolean[] pad, int B, int Tq, int Tk, int C, int NH) {
    KernelArgs.floats(op, "out", out, B, Tq, C);
    KernelArgs.floats(op, "att", att, B, NH, Tq, Tk);
    KernelArgs.check(
        pad == null || pad.length >= B * Tk,
        "%s: keyPadding needs %d booleans for (%d, %d), array has %d",
        op,
        B * Tk,
        B,
        Tk,
        pad == null ? 0 : pad.length);
  }

  private static void checkGradInputs(
      String op, float[] dout, float[] att, int B, int Tq, int Tk, int C, int NH) {
    KernelArgs.floats(op, "dout", dout, B, Tq, C);
    KernelArgs.floats(op, "att", att, B, NH, Tq, Tk);
  }
}
