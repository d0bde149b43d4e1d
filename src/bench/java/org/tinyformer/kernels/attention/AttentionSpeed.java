package org.tinyformer.kernels.attention;

import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.SpeedReport;

/** {@code KernelSpeed}'s attention cases: plain vs vector on one pool thread vs the full kernel. */
public final class AttentionSpeed {
  private AttentionSpeed() {}

  /** Times and prints the attention cases (small and nanoGPT-sized). */
  public static void run(Rng rng) {
    attention(rng, 8, 64, 128, 4);
    attention(rng, 4, 256, 384, 6);
  }

  private static void attention(Rng rng, int B, int T, int C, int NH) {
    float[] qkv = randn(rng, B * T * 3 * C, 1f), dqkv = new float[qkv.length];
    float[] out = new float[B * T * C], att = new float[B * NH * T * T];
    AttentionHeads a = AttentionKernel.packed(qkv, qkv, null, true, B, T, T, C, NH);
    SpeedReport.report(
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

  /** Runs r on one pool thread, so that the GemmKernel calls inside it stay single-threaded. */
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
}
