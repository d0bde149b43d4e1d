package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.attention.AttentionKernel;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017), {@code softmax(q kᵀ / sqrt(HS) +
 * mask) v} per head, one autograd node over {@code kernels.AttentionKernel}; the weights {@code att
 * (B, NH, Tq, Tk)} are the backward cache. A query whose keys are all masked gets zero weights.
 */
final class AttentionOps {
  private AttentionOps() {}

  static Tensor causalSelfAttention(Tensor qkv, int numHeads, float[][] weightsOut) {
    Checks.check(
        numHeads > 0 && qkv.rank() == 3 && qkv.size(2) % (3 * numHeads) == 0,
        "causalSelfAttention: qkv must be (B, T, 3C) with C divisible by %d heads, got %s",
        numHeads,
        qkv.shape());
    int B = qkv.size(0);
    int T = qkv.size(1);
    int C = qkv.size(2) / 3;
    float[] y = StepArena.floatsToOverwrite(B * T * C); // (B, T, C)
    int attSize = B * numHeads * T * T;
    float[] att =
        weightsOut == null ? StepArena.floatsToOverwrite(attSize) : new float[attSize]; // kept: own
    // (B, NH, T, T)
    AttentionKernel.forward(y, att, qkv.data(), B, T, C, numHeads);
    keepWeights(weightsOut, att);
    Tensor out = Tensor.result("causalSelfAttention", y, Shape.of(B, T, C), qkv);
    return out.onBackward(
        () -> {
          // forward was: out = att v, att = softmax(q kᵀ / sqrt(HS) + causal mask)
          AttentionKernel.backward(
              qkv.gradOrZeros(), out.grad(), qkv.data(), att, B, T, C, numHeads);
        });
  }

  /**
   * q (B, Tq, C), k and v (B, Tk, C) to (B, Tq, C). With {@code causal}, query i sees keys up to i
   * + (Tk - Tq) (the queries are the last Tq positions); {@code keyPadding} (B, Tk), nonzero =
   * ignore that key, may be null.
   */
  static Tensor attention(
      Tensor q,
      Tensor k,
      Tensor v,
      int numHeads,
      boolean causal,
      Tensor keyPadding,
      float[][] weightsOut) {
    checkShapes(q, k, v, numHeads, keyPadding);
    int B = q.size(0);
    int Tq = q.size(1);
    int Tk = k.size(1);
    int C = q.size(2);
    boolean[] pad = null; // (B, Tk)
    if (keyPadding != null) {
      pad = new boolean[B * Tk];
      for (int i = 0; i < pad.length; i++) {
        pad[i] = keyPadding.data()[i] != 0f;
      }
    }
    float[] y = StepArena.floats(B * Tq * C); // (B, Tq, C)
    int attSize = B * numHeads * Tq * Tk;
    float[] att = weightsOut == null ? StepArena.floats(attSize) : new float[attSize]; // kept: own
    // (B, NH, Tq, Tk)
    AttentionKernel.forward(
        y, att, q.data(), k.data(), v.data(), pad, causal, B, Tq, Tk, C, numHeads);
    keepWeights(weightsOut, att);
    Tensor out = Tensor.result("attention", y, Shape.of(B, Tq, C), q, k, v);
    return out.onBackward(
        () -> {
          // forward was: out = att v, att = softmax(q kᵀ / sqrt(HS) + mask); the mask is in att
          AttentionKernel.backward(
              q.requiresGrad() ? q.gradOrZeros() : null,
              k.requiresGrad() ? k.gradOrZeros() : null,
              v.requiresGrad() ? v.gradOrZeros() : null,
              out.grad(),
              q.data(),
              k.data(),
              v.data(),
              att,
              B,
              Tq,
              Tk,
              C,
              numHeads);
        });
  }

  private static void keepWeights(float[][] weightsOut, float[] att) {
    if (weightsOut != null) {
      weightsOut[0] = att.clone(); // (B, NH, Tq, Tk)
    }
  }

  private static void checkShapes(Tensor q, Tensor k, Tensor v, int numHeads, Tensor pad) {
    Checks.check(
        q.rank() == 3 && k.rank() == 3 && v.rank() == 3,
        "attention: q, k and v must be (B, T, C): q is %s, k is %s, v is %s",
        q.shape(),
        k.shape(),
        v.shape());
    Checks.check(
        k.shape().equals(v.shape())
            && q.size(0) == k.size(0)
            && q.size(2) == k.size(2)
            && numHeads > 0
            && q.size(2) % numHeads == 0,
        "attention: q is %s, k is %s, v is %s: expected equal B and C, k and v alike, C divisible"
            + " by %d heads",
        q.shape(),
        k.shape(),
        v.shape(),
        numHeads);
    Checks.check(
        pad == null || pad.shape().equals(Shape.of(k.size(0), k.size(1))),
        "attention: keyPadding must be (%d, %d) for keys %s, got %s",
        k.size(0),
        k.size(1),
        k.shape(),
        pad == null ? null : pad.shape());
  }
}
