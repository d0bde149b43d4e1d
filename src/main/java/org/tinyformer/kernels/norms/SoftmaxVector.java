package org.tinyformer.kernels.norms;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorFunctions;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Vector API rows of {@link SoftmaxKernel} (VectorFunctions.exp, tier-stable) and the row
 * primitives that cross-entropy and attention share; same contracts as {@link SoftmaxPlain}.
 */
public final class SoftmaxVector {
  private SoftmaxVector() {}

  /**
   * Writes {@code exp(inp - max)} to {@code out} (when not null) and returns its sum, over n floats
   * from the given offsets.
   */
  public static float expShifted(float[] out, int oOff, float[] inp, int iOff, int n, float max) {
    FloatVector acc = FloatVector.zero(S);
    int j = 0;
    for (int ub = S.loopBound(n); j < ub; j += L) {
      FloatVector e = VectorFunctions.exp(FloatVector.fromArray(S, inp, iOff + j).sub(max));
      if (out != null) {
        e.intoArray(out, oOff + j);
      }
      acc = acc.add(e);
    }
    float sum = VectorMath.sumLanes(acc);
    for (; j < n; j++) {
      float e = (float) Math.exp(inp[iOff + j] - max);
      if (out != null) {
        out[oOff + j] = e;
      }
      sum += e;
    }
    return sum;
  }

  /** Softmax of one row in place or from inp: {@code out[oOff..] = softmax(inp[iOff..])}. */
  static void row(float[] out, int oOff, float[] inp, int iOff, int n) {
    float max = VectorMath.max(inp, iOff, n);
    float sum = expShifted(out, oOff, inp, iOff, n, max);
    VectorMath.scale(out, oOff, 1f / sum, n);
  }

  static void forwardRows(float[] out, float[] inp, int cols, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      row(out, r * cols, inp, r * cols, cols);
    }
  }

  static void backwardRows(float[] dinp, float[] out, float[] dout, int cols, int r0, int r1) {
    int ub = S.loopBound(cols);
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float dot = VectorMath.dot(dout, o, out, o, cols);
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector y = FloatVector.fromArray(S, out, o + j);
        FloatVector g = FloatVector.fromArray(S, dout, o + j).sub(dot);
        y.fma(g, FloatVector.fromArray(S, dinp, o + j)).intoArray(dinp, o + j);
      }
      for (; j < cols; j++) {
        dinp[o + j] += out[o + j] * (dout[o + j] - dot);
      }
    }
  }

  static void logForwardRows(float[] out, float[] inp, int cols, int r0, int r1) {
    int ub = S.loopBound(cols);
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float max = VectorMath.max(inp, o, cols);
      float logSum = max + (float) Math.log(expShifted(null, 0, inp, o, cols, max));
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector.fromArray(S, inp, o + j).sub(logSum).intoArray(out, o + j);
      }
      for (; j < cols; j++) {
        out[o + j] = inp[o + j] - logSum;
      }
    }
  }

  static void logBackwardRows(float[] dinp, float[] out, float[] dout, int cols, int r0, int r1) {
    int ub = S.loopBound(cols);
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float sum = VectorMath.sum(dout, o, cols);
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector p = VectorFunctions.exp(FloatVector.fromArray(S, out, o + j));
        FloatVector g = FloatVector.fromArray(S, dout, o + j).sub(p.mul(sum));
        g.add(FloatVector.fromArray(S, dinp, o + j)).intoArray(dinp, o + j);
      }
      for (; j < cols; j++) {
        dinp[o + j] += dout[o + j] - (float) Math.exp(out[o + j]) * sum;
      }
    }
  }
}
