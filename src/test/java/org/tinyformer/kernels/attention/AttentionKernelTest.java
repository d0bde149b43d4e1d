package org.tinyformer.kernels.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.FiniteDifferences.dot;
import static org.tinyformer.kernels.runtime.FiniteDifferences.gradient;
import static org.tinyformer.kernels.runtime.FiniteDifferences.toDouble;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.minus;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.runtime.KernelArgs;

class AttentionKernelTest {
  private final Rng rng = new Rng(17);

  @Test
  void fastMatchesPlainOverShapeGrid() {
    int[][] grid = {
      {1, 1, 4, 1},
      {2, 5, 12, 3},
      {1, 17, 16, 1},
      {2, 64, 64, 2},
      {1, 33, 96, 3},
      {1, 130, 128, 2},
      {1, 1, 64, 2},
      {2, 3, 32, 1},
      {1, 130, 96, 3},
      {1, 128, 192, 6},
      {2, 64, 256, 4},
      {1, 37, 192, 2}
    };
    for (int[] s : grid) {
      int B = s[0], T = s[1], C = s[2], NH = s[3];
      for (boolean causal : new boolean[] {true, false}) {
        String at = "(B, T, C, NH) = " + KernelArgs.dims(s) + " causal " + causal;
        float[] qkv = randn(rng, B * T * 3 * C, 1f), dout = randn(rng, B * T * C, 1f);
        boolean[] pad = causal ? null : padding(B, T);
        float[] out = new float[B * T * C], att = new float[B * NH * T * T];
        float[] outP = new float[B * T * C], attP = new float[B * NH * T * T];
        AttentionKernel.selfForward(out, att, qkv, pad, causal, B, T, C, NH);
        AttentionHeads heads = AttentionKernel.packed(qkv, qkv, pad, causal, B, T, T, C, NH);
        AttentionPlain.forward(heads, outP, attP, 0, B * NH);
        assertClose("out " + at, out, outP, 1e-5);
        assertClose("att " + at, att, attP, 1e-5);
        float[] dqkv = randn(rng, qkv.length, 1f), dqkvP = dqkv.clone();
        AttentionKernel.backward(dqkv, dout, qkv, att, B, T, C, NH);
        AttentionPlain.backward(heads, dqkvP, dqkvP, dqkvP, dout, attP, 0, B * NH);
        assertClose("dqkv " + at, dqkv, dqkvP, 1e-4);
      }
    }
  }

  @Test
  void causalBackwardMatchesFiniteDifferences() {
    int B = 2, T = 4, C = 6, NH = 2;
    float[] qkv = randn(rng, B * T * 3 * C, 1f), dout = randn(rng, B * T * C, 1f);
    float[] out = new float[B * T * C], att = new float[B * NH * T * T];
    AttentionKernel.forward(out, att, qkv, B, T, C, NH);
    double[] x = toDouble(qkv), g = toDouble(dout);
    assertClose("out", out, packedReference(x, null, true, B, T, C, NH), 1e-5);
    float[] dqkv = randn(rng, qkv.length, 1f), dqkv0 = dqkv.clone();
    AttentionKernel.backward(dqkv, dout, qkv, att, B, T, C, NH);
    double[] expected = gradient(x, v -> dot(g, packedReference(v, null, true, B, T, C, NH)));
    assertClose("dqkv", minus(dqkv, dqkv0), expected, 1e-4);
  }

  @Test
  void separateQkvWithPaddingMatchesFiniteDifferences() {
    int B = 2, Tq = 3, Tk = 5, C = 4, NH = 2;
    boolean[] pad = {false, false, true, false, true, false, false, false, false, false};
    for (boolean causal : new boolean[] {false, true}) {
      float[] q = randn(rng, B * Tq * C, 1f), k = randn(rng, B * Tk * C, 1f);
      float[] v = randn(rng, B * Tk * C, 1f), dout = randn(rng, B * Tq * C, 1f);
      float[] out = new float[B * Tq * C], att = new float[B * NH * Tq * Tk];
      AttentionKernel.forward(out, att, q, k, v, pad, causal, B, Tq, Tk, C, NH);
      double[] qd = toDouble(q), kd = toDouble(k), vd = toDouble(v), g = toDouble(dout);
      int[] d = {B, Tq, Tk, C, NH};
      assertClose("out", out, reference(qd, kd, vd, pad, causal, d), 1e-5);
      float[] dq = randn(rng, q.length, 1f),
          dk = randn(rng, k.length, 1f),
          dv = randn(rng, v.length, 1f);
      float[] dq0 = dq.clone(), dk0 = dk.clone(), dv0 = dv.clone();
      AttentionKernel.backward(dq, dk, dv, dout, q, k, v, att, B, Tq, Tk, C, NH);
      assertClose(
          "dq",
          minus(dq, dq0),
          gradient(qd, x -> dot(g, reference(x, kd, vd, pad, causal, d))),
          1e-4);
      assertClose(
          "dk",
          minus(dk, dk0),
          gradient(kd, x -> dot(g, reference(qd, x, vd, pad, causal, d))),
          1e-4);
      assertClose(
          "dv",
          minus(dv, dv0),
          gradient(vd, x -> dot(g, reference(qd, kd, x, pad, causal, d))),
          1e-4);
    }
  }

  @Test
  void crossAttentionMatchesFiniteDifferences() {
    int B = 2, Tq = 3, Tk = 4, C = 6, NH = 3;
    boolean[] pad = {false, false, false, true, false, false, false, false};
    float[] q = randn(rng, B * Tq * C, 1f), kv = randn(rng, B * Tk * 2 * C, 1f);
    float[] dout = randn(rng, B * Tq * C, 1f);
    float[] out = new float[B * Tq * C], att = new float[B * NH * Tq * Tk];
    AttentionKernel.crossForward(out, att, q, kv, pad, B, Tq, Tk, C, NH);
    double[] qd = toDouble(q), kvd = toDouble(kv), g = toDouble(dout);
    int[] d = {B, Tq, Tk, C, NH};
    assertClose("out", out, crossReference(qd, kvd, pad, d), 1e-5);
    float[] dq = randn(rng, q.length, 1f), dkv = randn(rng, kv.length, 1f);
    float[] dq0 = dq.clone(), dkv0 = dkv.clone();
    AttentionKernel.crossBackward(dq, dkv, dout, q, kv, att, B, Tq, Tk, C, NH);
    assertClose(
        "dq", minus(dq, dq0), gradient(qd, x -> dot(g, crossReference(x, kvd, pad, d))), 1e-4);
    assertClose(
        "dkv", minus(dkv, dkv0), gradient(kvd, x -> dot(g, crossReference(qd, x, pad, d))), 1e-4);
  }

  @Test
  void masksGiveZeroWeightsAndFullyMaskedQueriesGiveZeroOutput() {
    int B = 2, T = 3, C = 4, NH = 1;
    boolean[] pad = {true, true, true, false, false, true};
    float[] qkv = randn(rng, B * T * 3 * C, 1f);
    float[] out = new float[B * T * C], att = new float[B * NH * T * T];
    AttentionKernel.selfForward(out, att, qkv, pad, true, B, T, C, NH);
    assertThat(Arrays.copyOfRange(out, 0, T * C)).containsOnly(0f);
    assertThat(Arrays.copyOfRange(att, 0, T * T)).containsOnly(0f);
    float[] second = Arrays.copyOfRange(att, T * T, 2 * T * T); // batch 1: keys 0, 1 visible
    assertThat(second[0]).isEqualTo(1f);
    assertThat(second[1]).isZero();
    assertThat(second[2]).isZero();
    assertThat(second[3] + second[4]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(second[5]).isZero();
    assertThat(second[8]).isZero();
  }

  @Test
  void rejectsChannelsNotDivisibleByHeads() {
    float[] x = new float[3 * 130];
    assertThatThrownBy(() -> AttentionKernel.forward(x, x, x, 1, 1, 130, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attention: C (130) must be divisible by NH (4)");
    assertThatThrownBy(() -> AttentionKernel.forward(x, new float[3], x, 1, 2, 8, 2))
        .hasMessage("attention: att needs 8 floats for (1, 2, 2, 2), array has 3");
  }

  private boolean[] padding(int B, int T) {
    boolean[] pad = new boolean[B * T];
    for (int i = 0; i < pad.length; i++) {
      pad[i] = i % 4 == 3;
    }
    return pad;
  }

  /** Splits packed qkv (B, T, 3C) and runs the reference. */
  static double[] packedReference(
      double[] qkv, boolean[] pad, boolean causal, int B, int T, int C, int NH) {
    double[][] parts = split(qkv, B * T, C, 3);
    return reference(parts[0], parts[1], parts[2], pad, causal, new int[] {B, T, T, C, NH});
  }

  static double[] crossReference(double[] q, double[] kv, boolean[] pad, int[] d) {
    double[][] parts = split(kv, d[0] * d[2], d[3], 2);
    return reference(q, parts[0], parts[1], pad, false, d);
  }

  private static double[][] split(double[] x, int rows, int C, int parts) {
    double[][] out = new double[parts][rows * C];
    for (int r = 0; r < rows; r++) {
      for (int p = 0; p < parts; p++) {
        System.arraycopy(x, (r * parts + p) * C, out[p], r * C, C);
      }
    }
    return out;
  }

  /** Double-precision attention on q (B, Tq, C), k and v (B, Tk, C); d = (B, Tq, Tk, C, NH). */
  static double[] reference(
      double[] q, double[] k, double[] v, boolean[] pad, boolean causal, int[] d) {
    int B = d[0], Tq = d[1], Tk = d[2], C = d[3], NH = d[4], HS = C / NH;
    double[] out = new double[B * Tq * C];
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < NH; h++) {
        for (int i = 0; i < Tq; i++) {
          double[] w = new double[Tk];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < Tk; j++) {
            boolean masked = (causal && j > i + Tk - Tq) || (pad != null && pad[b * Tk + j]);
            w[j] = Double.NEGATIVE_INFINITY;
            if (!masked) {
              double s = 0;
              for (int e = 0; e < HS; e++) {
                s += q[(b * Tq + i) * C + h * HS + e] * k[(b * Tk + j) * C + h * HS + e];
              }
              w[j] = s / Math.sqrt(HS);
              max = Math.max(max, w[j]);
            }
          }
          double sum = 0;
          for (int j = 0; j < Tk; j++) {
            w[j] = w[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(w[j] - max);
            sum += w[j];
          }
          for (int j = 0; j < Tk; j++) {
            for (int e = 0; e < HS; e++) {
              out[(b * Tq + i) * C + h * HS + e] +=
                  sum == 0 ? 0 : w[j] / sum * v[(b * Tk + j) * C + h * HS + e];
            }
          }
        }
      }
    }
    return out;
  }
}
