package org.tinyformer.kernels.attention;

/**
 * Plain-loop twin of {@link AttentionKernel}, one (batch, head) pair at a time: the test oracle and
 * the fallback without the Vector API. Masked weights are exactly 0; a query that sees no key gets
 * zero weights and a zero output.
 */
final class AttentionPlain {
  private AttentionPlain() {}

  /** out (B, Tq, C) and att (B, NH, Tq, Tk) for pairs {@code p = b NH + h} in [p0, p1). */
  static void forward(AttentionHeads a, float[] out, float[] att, int p0, int p1) {
    int HS = a.HS;
    for (int p = p0; p < p1; p++) {
      int b = p / a.NH;
      int h = p % a.NH;
      for (int i = 0; i < a.Tq; i++) {
        int row = a.attAt(b, h) + i * a.Tk; // (Tk) weights of query i
        scoresRow(a, att, row, b, h, i);
        int o = (b * a.Tq + i) * a.C + h * HS; // head h of out row (b, i)
        for (int d = 0; d < HS; d++) {
          out[o + d] = 0f;
        }
        for (int j = 0; j < a.Tk; j++) {
          float w = att[row + j];
          int vj = a.vAt(b, j, h);
          for (int d = 0; d < HS; d++) {
            out[o + d] += w * a.v[vj + d];
          }
        }
      }
    }
  }

  /** att[row ..] = softmax over visible keys of scale * q_i . k_j, zero where masked. */
  private static void scoresRow(AttentionHeads a, float[] att, int row, int b, int h, int i) {
    int qi = a.qAt(b, i, h);
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < a.Tk; j++) {
      if (a.masked(b, i, j)) {
        continue;
      }
      int kj = a.kAt(b, j, h);
      float s = 0f;
      for (int d = 0; d < a.HS; d++) {
        s += a.q[qi + d] * a.k[kj + d];
      }
      att[row + j] = s * a.scale;
      max = Math.max(max, att[row + j]);
    }
    float sum = 0f;
    for (int j = 0; j < a.Tk; j++) {
      float e = a.masked(b, i, j) ? 0f : (float) Math.exp(att[row + j] - max);
      att[row + j] = e;
      sum += e;
    }
    float inv = sum > 0f ? 1f / sum : 0f;
    for (int j = 0; j < a.Tk; j++) {
      att[row + j] *= inv;
    }
  }

  /**
   * Accumulates into dq, dk, dv (laid out like q, k, v; each may be null) for pairs [p0, p1).
   * forward was: {@code out = att v}, {@code att = softmax(scale q kᵀ)}.
   */
  static void backward(
      AttentionHeads a,
      float[] dq,
      float[] dk,
      float[] dv,
      float[] dout,
      float[] att,
      int p0,
      int p1) {
    int HS = a.HS;
    float[] datt = new float[a.Tk]; // (Tk)
    for (int p = p0; p < p1; p++) {
      int b = p / a.NH;
      int h = p % a.NH;
      for (int i = 0; i < a.Tq; i++) {
        int row = a.attAt(b, h) + i * a.Tk;
        int o = (b * a.Tq + i) * a.C + h * HS; // head h of dout row (b, i)
        float dot = 0f;
        for (int j = 0; j < a.Tk; j++) {
          int vj = a.vAt(b, j, h);
          float g = 0f;
          for (int d = 0; d < HS; d++) {
            g += dout[o + d] * a.v[vj + d]; // d att_ij = dout_i . v_j
            if (dv != null) {
              dv[vj + d] += att[row + j] * dout[o + d]; // d v_j += att_ij dout_i
            }
          }
          datt[j] = g;
          dot += g * att[row + j];
        }
        int qi = a.qAt(b, i, h);
        for (int j = 0; j < a.Tk; j++) {
          float dpre = att[row + j] * (datt[j] - dot) * a.scale; // softmax backward
          int kj = a.kAt(b, j, h);
          for (int d = 0; d < HS; d++) {
            if (dq != null) {
              dq[qi + d] += dpre * a.k[kj + d];
            }
            if (dk != null) {
              dk[kj + d] += dpre * a.q[qi + d];
            }
          }
        }
      }
    }
  }
}
