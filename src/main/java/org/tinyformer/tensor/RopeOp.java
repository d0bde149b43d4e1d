package org.tinyformer.tensor;

import org.tinyformer.base.Checks;

/**
 * Rotary position embedding (Su et al. 2021) on {@code (..., T, HS)}, in the rotate-half convention
 * of Llama / GPT-NeoX (as {@code kernels.RopeKernel}): channels {@code (i, i + HS/2)} at position
 * {@code p = offset + t} are rotated by {@code p * 10000^(-2i/HS)}. Backward rotates {@code dOut}
 * by the opposite angle.
 */
final class RopeOp {
  private RopeOp() {}

  private static final double BASE = 10000.0;

  static Tensor rope(Tensor x, int positionOffset) {
    Checks.check(x.rank() >= 2, "rope: input must be (..., T, HS), got %s", x.shape());
    int T = x.size(-2);
    int HS = x.size(-1);
    Checks.check(HS % 2 == 0, "rope: head size must be even, got %s", x.shape());
    int outer = x.numel() / Math.max(T * HS, 1);
    float[] cos = new float[T * HS / 2]; // (T, HS/2)
    float[] sin = new float[T * HS / 2]; // (T, HS/2)
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < HS / 2; i++) {
        double angle = (positionOffset + t) * Math.pow(BASE, -2.0 * i / HS);
        cos[t * HS / 2 + i] = (float) Math.cos(angle);
        sin[t * HS / 2 + i] = (float) Math.sin(angle);
      }
    }
    float[] o = new float[x.numel()]; // (..., T, HS)
    rotate(o, x.data(), cos, sin, outer, T, HS, 1f);
    Tensor out = Tensor.result("rope", o, x.shape(), x);
    return out.onBackward(
        () -> {
          // the rotation is orthogonal: dx = R(-angle) dOut
          float[] dx = new float[o.length];
          rotate(dx, out.grad(), cos, sin, outer, T, HS, -1f);
          float[] g = x.gradOrZeros();
          for (int i = 0; i < g.length; i++) {
            g[i] += dx[i];
          }
        });
  }

  /** out = R(sign * angle) in, pair by pair. */
  private static void rotate(
      float[] out, float[] in, float[] cos, float[] sin, int outer, int T, int HS, float sign) {
    for (int a = 0; a < outer; a++) {
      for (int t = 0; t < T; t++) {
        int base = (a * T + t) * HS;
        for (int i = 0; i < HS / 2; i++) {
          float c = cos[t * HS / 2 + i];
          float s = sign * sin[t * HS / 2 + i];
          float x0 = in[base + i];
          float x1 = in[base + HS / 2 + i];
          out[base + i] = x0 * c - x1 * s;
          out[base + HS / 2 + i] = x0 * s + x1 * c;
        }
      }
    }
  }
}
