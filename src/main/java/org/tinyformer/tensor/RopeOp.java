package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.Elementwise;
import org.tinyformer.kernels.RopeKernel;

/**
 * Rotary position embedding (Su et al. 2021) on {@code (..., T, HS)}, in the rotate-half convention
 * of Llama / GPT-NeoX ({@code kernels.RopeKernel}): channels {@code (i, i + HS/2)} at position
 * {@code p = offset + t} are rotated by {@code p * 10000^(-2i/HS)}. Backward rotates {@code dOut}
 * by the opposite angle.
 */
final class RopeOp {
  private RopeOp() {}

  static Tensor rope(Tensor x, int positionOffset) {
    Checks.check(x.rank() >= 2, "rope: input must be (..., T, HS), got %s", x.shape());
    Checks.check(positionOffset >= 0, "rope: position offset must be >= 0, got %d", positionOffset);
    int T = x.size(-2);
    int HS = x.size(-1);
    Checks.check(HS % 2 == 0, "rope: head size must be even, got %s", x.shape());
    int outer = x.numel() / Math.max(T * HS, 1);
    int maxT = positionOffset + T;
    float[] cos = new float[maxT * HS / 2]; // (maxT, HS/2)
    float[] sin = new float[maxT * HS / 2]; // (maxT, HS/2)
    RopeKernel.frequencies(cos, sin, maxT, HS, RopeKernel.BASE);
    float[] o = x.data().clone(); // (..., T, HS), rotated in place below
    RopeKernel.forward(o, 0, HS, cos, sin, outer, T, 1, HS, positionOffset);
    Tensor out = Tensor.result("rope", o, x.shape(), x);
    return out.onBackward(
        () -> {
          // the rotation is orthogonal: dx += R(-angle) dOut
          float[] d = out.grad().clone(); // (..., T, HS)
          RopeKernel.backward(d, 0, HS, cos, sin, outer, T, 1, HS, positionOffset);
          Elementwise.axpy(x.gradOrZeros(), 1f, d, d.length);
        });
  }
}
