package org.tinyformer.nn;

import org.tinyformer.tensor.Functional;
import org.tinyformer.tensor.Tensor;

/**
 * Rotary position embedding (Su et al. 2021, RoFormer) on the q and k parts of a fused qkv tensor:
 * each pair of channels of each head is rotated by an angle proportional to the position, so that q
 * . k depends on positions only through their difference.
 */
final class Rotary {
  private Rotary() {}

  /** qkv (B, T, 3C) with rotated q and k for positions offset .. offset + T - 1; v unchanged. */
  static Tensor apply(Tensor qkv, int numHeads, int offset) {
    int B = qkv.size(0);
    int T = qkv.size(1);
    int C = qkv.size(2) / 3;
    int HS = C / numHeads;
    Tensor[] parts = qkv.split(2, C, C, C); // 3 x (B, T, C)
    Tensor q = rotate(parts[0], B, T, numHeads, HS, offset); // (B, T, C)
    Tensor k = rotate(parts[1], B, T, numHeads, HS, offset); // (B, T, C)
    return Tensor.cat(2, q, k, parts[2]); // (B, T, 3C)
  }

  private static Tensor rotate(Tensor x, int B, int T, int NH, int HS, int offset) {
    Tensor heads = x.reshape(B, T, NH, HS).transpose(1, 2); // (B, NH, T, HS)
    Tensor rotated = Functional.rope(heads, offset); // (B, NH, T, HS)
    return rotated.transpose(1, 2).reshape(B, T, NH * HS); // (B, T, C)
  }
}
