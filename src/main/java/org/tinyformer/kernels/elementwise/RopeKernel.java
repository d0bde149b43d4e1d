package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Work;

/**
 * Rotary position embedding (Su et al. 2021) in the rotate-half convention of Llama / GPT-NeoX:
 * within each head, channel i pairs with channel i + HS/2 and the pair at position p is rotated by
 * {@code p * base^(-2i/HS)}, i in [0, HS/2). Applied in place to the heads of q or k; backward
 * applies the inverse rotation in place to their gradients. Usage: {@code frequencies(cos, sin,
 * maxT, HS, 10000)} once, then {@code forward(qkv, 0, 3 * C, cos, sin, B, T, NH, HS, 0)}.
 */
public final class RopeKernel {
  private RopeKernel() {}

  /** The base of the angles in Llama and RoFormer. */
  public static final double BASE = 10000.0;

  /** Fills cos and sin (maxT, HS/2) with the rotation of channel pair i at position p. */
  public static void frequencies(float[] cos, float[] sin, int maxT, int HS, double base) {
    String op = "rope";
    KernelArgs.positive(op, "maxT, HS", maxT, HS);
    KernelArgs.check(HS % 2 == 0, "%s: head size HS must be even, got %d", op, HS);
    KernelArgs.floats(op, "cos", cos, maxT, HS / 2);
    KernelArgs.floats(op, "sin", sin, maxT, HS / 2);
    int half = HS / 2;
    for (int p = 0; p < maxT; p++) {
      for (int i = 0; i < half; i++) {
        double angle = p * Math.pow(base, -2.0 * i / HS);
        cos[p * half + i] = (float) Math.cos(angle);
        sin[p * half + i] = (float) Math.sin(angle);
      }
    }
  }

  // spotless:off
  /**
   * Rotates in place the NH heads of HS floats in each of the B*T rows of x; row (b, t) starts at
   * {@code offset + (b T + t) rowStride} and sits at position {@code pos0 + t}. For q in qkv (B, T,
   * 3C): offset 0, rowStride 3C; for k: offset C. For a (B, NH, T, HS) layout pass B*NH as B, NH 1.
   */
  public static void forward(float[] x, int offset, int rowStride, float[] cos, float[] sin, int B, int T, int NH, int HS, int pos0) {
    check("rope", x, offset, rowStride, cos, sin, B, T, NH, HS, pos0);
    rotate(x, offset, rowStride, cos, sin, B, T, NH, HS, pos0, 1f);
  }
  // spotless:on

  /** forward was: x = R x in place, so dx = Rᵀ dx in place (R is orthogonal). Same layout. */
  // spotless:off
  public static void backward(float[] dx, int offset, int rowStride, float[] cos, float[] sin, int B, int T, int NH, int HS, int pos0) {
    check("ropeBackward", dx, offset, rowStride, cos, sin, B, T, NH, HS, pos0);
    rotate(dx, offset, rowStride, cos, sin, B, T, NH, HS, pos0, -1f);
  }
  // spotless:on

  private static void rotate(
      float[] x,
      int offset,
      int rowStride,
      float[] cos,
      float[] sin,
      int B,
      int T,
      int NH,
      int HS,
      int pos0,
      float sign) {
    int half = HS / 2;
    Parallel.forRange(
        B * T,
        Work.rows(NH * HS),
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            int f = (pos0 + r % T) * half; // row of the cos / sin tables
            for (int h = 0; h < NH; h++) {
              int o = offset + r * rowStride + h * HS; // head h of row r
              for (int i = 0; i < half; i++) {
                float c = cos[f + i];
                float s = sign * sin[f + i];
                float x1 = x[o + i];
                float x2 = x[o + half + i];
                x[o + i] = x1 * c - x2 * s;
                x[o + half + i] = x1 * s + x2 * c;
              }
            }
          }
        });
  }

  private static void check(
      String op,
      float[] x,
      int offset,
      int rowStride,
      float[] cos,
      float[] sin,
      int B,
      int T,
      int NH,
      int HS,
      int pos0) {
    KernelArgs.positive(op, "B, T, NH, HS", B, T, NH, HS);
    KernelArgs.check(HS % 2 == 0, "%s: head size HS must be even, got %d", op, HS);
    KernelArgs.check(
        offset >= 0 && pos0 >= 0 && rowStride >= NH * HS,
        "%s: expected offset >= 0, pos0 >= 0 and rowStride >= NH * HS = %d, got %d, %d, %d",
        op,
        NH * HS,
        offset,
        pos0,
        rowStride);
    KernelArgs.check(x != null, "%s: x is null", op);
    long need = offset + (long) (B * T - 1) * rowStride + NH * HS;
    KernelArgs.check(
        need <= x.length,
        "%s: x needs %d floats for %d rows of stride %d from offset %d, array has %d",
        op,
        need,
        B * T,
        rowStride,
        offset,
        x.length);
    KernelArgs.floats(op, "cos", cos, pos0 + T, HS / 2);
    KernelArgs.floats(op, "sin", sin, pos0 + T, HS / 2);
  }
}
