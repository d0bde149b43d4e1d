package org.tinyformer.tensor;

import org.tinyformer.base.Checks;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017), {@code softmax(q kᵀ / sqrt(HS) +
 * mask) v} per head, composed of tensor operations (so its gradient is theirs). Masked positions
 * get -inf; a query whose keys are all masked gets zero weights.
 */
final class AttentionOps {
  private AttentionOps() {}

  static Tensor causalSelfAttention(Tensor qkv, int numHeads, float[][] weightsOut) {
    Checks.check(
        qkv.rank() == 3 && qkv.size(2) % (3 * numHeads) == 0,
        "causalSelfAttention: qkv must be (B, T, 3C) with C divisible by %d heads, got %s",
        numHeads,
        qkv.shape());
    int C = qkv.size(2) / 3;
    Tensor[] parts = qkv.split(2, C, C, C); // 3 x (B, T, C)
    return attention(parts[0], parts[1], parts[2], numHeads, true, null, weightsOut);
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
    int HS = C / numHeads;
    Tensor qh = q.reshape(B, Tq, numHeads, HS).transpose(1, 2); // (B, NH, Tq, HS)
    Tensor kt = k.reshape(B, Tk, numHeads, HS).permute(0, 2, 3, 1); // (B, NH, HS, Tk)
    Tensor vh = v.reshape(B, Tk, numHeads, HS).transpose(1, 2); // (B, NH, Tk, HS)
    Tensor scores = qh.matmul(kt).mul((float) (1.0 / Math.sqrt(HS))); // (B, NH, Tq, Tk)
    if (causal) {
      scores = scores.maskedFill(causalMask(Tq, Tk), Float.NEGATIVE_INFINITY); // (B, NH, Tq, Tk)
    }
    if (keyPadding != null) {
      Tensor pad = keyPadding.detach().reshape(B, 1, 1, Tk); // (B, 1, 1, Tk)
      scores = scores.maskedFill(pad, Float.NEGATIVE_INFINITY); // (B, NH, Tq, Tk)
    }
    Tensor att = SoftmaxOps.softmax(scores, -1); // (B, NH, Tq, Tk)
    if (weightsOut != null) {
      weightsOut[0] = att.data().clone();
    }
    Tensor y = att.matmul(vh); // (B, NH, Tq, HS)
    return y.transpose(1, 2).reshape(B, Tq, C); // (B, Tq, C)
  }

  /** (Tq, Tk), 1 where query i may not see key j, i.e. j > i + (Tk - Tq). */
  private static Tensor causalMask(int Tq, int Tk) {
    float[] m = new float[Tq * Tk];
    for (int i = 0; i < Tq; i++) {
      for (int j = i + (Tk - Tq) + 1; j < Tk; j++) {
        m[i * Tk + j] = 1f;
      }
    }
    return Tensor.of(m, Tq, Tk);
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
