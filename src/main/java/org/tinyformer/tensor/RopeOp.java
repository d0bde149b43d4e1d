package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.elementwise.ElementwiseKernel;
import org.tinyformer.kernels.elementwise.RopeKernel;

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
          ElementwiseKernel.axpy(x.gradOrZeros(), 1f, d, d.length);
        });
  }

  /**
   * Rotary embedding of the q and k blocks of a fused qkv (B, T, 3C), heads as HS-wide slices of
   * each block, v unchanged: the same as splitting, rotating (B, NH, T, HS) heads and
   * concatenating, without the copies.
   */
  static Tensor ropeQk(Tensor qkv, int numHeads, int positionOffset) {
    Checks.check(
        numHeads > 0 && qkv.rank() == 3 && qkv.size(2) % (3 * numHeads) == 0,
        "ropeQk: qkv must be (B, T, 3C) with C divisible by %d heads, got %s",
        numHeads,
        qkv.shape());
    Checks.check(
        positionOffset >= 0, "ropeQk: position offset must be >= 0, got %d", positionOffset);
    int B = qkv.size(0);
    int T = qkv.size(1);
    int C = qkv.size(2) / 3;
    int HS = C / numHeads;
    Checks.check(HS % 2 == 0, "ropeQk: head size must be even, got %d", HS);
    int maxT = positionOffset + T;
    float[] cos = new float[maxT * HS / 2]; // (maxT, HS/2)
    float[] sin = new float[maxT * HS / 2]; // (maxT, HS/2)
    RopeKernel.frequencies(cos, sin, maxT, HS, RopeKernel.BASE);
    float[] o = qkv.data().clone(); // (B, T, 3C), q and k rotated in place below
    RopeKernel.forward(o, 0, 3 * C, cos, sin, B, T, numHeads, HS, positionOffset); // q
    RopeKernel.forward(o, C, 3 * C, cos, sin, B, T, numHeads, HS, positionOffset); // k
    Tensor out = Tensor.result("ropeQk", o, qkv.shape(), qkv);
    return out.onBackward(
        () -> {
          // q and k were rotated (orthogonal): their gradients rotate back; v passes through
          float[] d = out.grad().clone(); // (B, T, 3C)
          RopeKernel.backward(d, 0, 3 * C, cos, sin, B, T, numHeads, HS, positionOffset);
          RopeKernel.backward(d, C, 3 * C, cos, sin, B, T, numHeads, HS, positionOffset);
          ElementwiseKernel.axpy(qkv.gradOrZeros(), 1f, d, d.length);
        });
  }
}
