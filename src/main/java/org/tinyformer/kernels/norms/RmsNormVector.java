package org.tinyformer.kernels.norms;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorMath;

/** Vector API rows and columns of {@link RmsNormKernel}; same contracts as {@link RmsNormPlain}. */
final class RmsNormVector {
  private RmsNormVector() {}

  static void forwardRows(
      float[] out, float[] rstd, float[] inp, float[] weight, int C, float eps, int r0, int r1) {
    int ub = S.loopBound(C);
    for (int r = r0; r < r1; r++) {
      int o = r * C;
      float s = (float) (1.0 / Math.sqrt(VectorMath.dot(inp, o, inp, o, C) / C + eps));
      int i = 0;
      for (; i < ub; i += L) {
        FloatVector.fromArray(S, inp, o + i)
            .mul(s)
            .mul(FloatVector.fromArray(S, weight, i))
            .intoArray(out, o + i);
      }
      for (; i < C; i++) {
        out[o + i] = inp[o + i] * s * weight[i];
      }
      if (rstd != null) {
        rstd[r] = s;
      }
    }
  }

  static void backwardRows(
      float[] dinp,
      float[] dout,
      float[] inp,
      float[] weight,
      float[] rstd,
      int C,
      int r0,
      int r1) {
    int ub = S.loopBound(C);
    for (int r = r0; r < r1; r++) {
      int o = r * C;
      float s = rstd[r];
      FloatVector acc = FloatVector.zero(S);
      int i = 0;
      for (; i < ub; i += L) {
        FloatVector dnorm =
            FloatVector.fromArray(S, weight, i).mul(FloatVector.fromArray(S, dout, o + i));
        acc = dnorm.fma(FloatVector.fromArray(S, inp, o + i), acc);
      }
      float dnormNormMean = VectorMath.sumLanes(acc);
      for (; i < C; i++) {
        dnormNormMean += weight[i] * dout[o + i] * inp[o + i];
      }
      dnormNormMean = dnormNormMean * s / C;
      for (i = 0; i < ub; i += L) {
        FloatVector dnorm =
            FloatVector.fromArray(S, weight, i).mul(FloatVector.fromArray(S, dout, o + i));
        FloatVector norm = FloatVector.fromArray(S, inp, o + i).mul(s);
        FloatVector g = dnorm.sub(norm.mul(dnormNormMean)).mul(s);
        g.add(FloatVector.fromArray(S, dinp, o + i)).intoArray(dinp, o + i);
      }
      for (; i < C; i++) {
        float norm = inp[o + i] * s;
        dinp[o + i] += (weight[i] * dout[o + i] - norm * dnormNormMean) * s;
      }
    }
  }

  static void weightGradColumns(
      float[] dweight, float[] dout, float[] inp, float[] rstd, int N, int C, int c0, int c1) {
    int n = c1 - c0;
    int ub = S.loopBound(n);
    for (int r = 0; r < N; r++) {
      int o = r * C + c0;
      float s = rstd[r];
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector norm = FloatVector.fromArray(S, inp, o + j).mul(s);
        FloatVector.fromArray(S, dout, o + j)
            .fma(norm, FloatVector.fromArray(S, dweight, c0 + j))
            .intoArray(dweight, c0 + j);
      }
      for (; j < n; j++) {
        dweight[c0 + j] += dout[o + j] * inp[o + j] * s;
      }
    }
  }
}
