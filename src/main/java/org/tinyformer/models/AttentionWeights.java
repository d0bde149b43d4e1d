package org.tinyformer.models;

import org.tinyformer.base.Checks;

/**
 * The attention weights of one attention layer on one batch: {@code data} is (B, NH, Tq, Tk), the
 * softmax over keys for every query of every head. Rows of padded queries are kept as computed.
 */
public record AttentionWeights(
    AttentionKind kind, int layer, int B, int NH, int Tq, int Tk, float[] data) {

  public AttentionWeights {
    Checks.check(
        data.length == B * NH * Tq * Tk,
        "attention weights: expected %d values for (B, NH, Tq, Tk) = (%d, %d, %d, %d), got %d",
        B * NH * Tq * Tk,
        B,
        NH,
        Tq,
        Tk,
        data.length);
  }

  /** The (Tq, Tk) matrix of one head of one batch row. */
  public float[][] head(int b, int h) {
    Checks.check(b >= 0 && b < B, "attention weights: batch row %d out of [0, %d)", b, B);
    Checks.check(h >= 0 && h < NH, "attention weights: head %d out of [0, %d)", h, NH);
    float[][] out = new float[Tq][Tk];
    int base = (b * NH + h) * Tq * Tk;
    for (int q = 0; q < Tq; q++) {
      System.arraycopy(data, base + q * Tk, out[q], 0, Tk);
    }
    return out;
  }

  /** The (Tq, Tk) average over heads of one batch row. */
  public float[][] meanOfHeads(int b) {
    float[][] out = new float[Tq][Tk];
    for (int h = 0; h < NH; h++) {
      float[][] m = head(b, h);
      for (int q = 0; q < Tq; q++) {
        for (int k = 0; k < Tk; k++) {
          out[q][k] += m[q][k] / NH;
        }
      }
    }
    return out;
  }
}
