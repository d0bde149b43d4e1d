package org.tinyformer.kernels.norms;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Vector API rows and columns of {@link LayerNormKernel}; same contracts as {@link LayerNormPlain}.
 */
final class LayerNormVector {
  private LayerNormVector() {}

  static void forwardRows(
      float[] out,
      float[] mean,
      float[] rstd,
      float[] inp,
      float[] weight,
      float[] bias,
      int C,
      float eps,
      int r0,
      int r1) {
    int ub = S.loopBound(C);
    for (int r = r0; r < r1; r++) {
      int o = r * C; // row (C) of inp and out
      float m = VectorMath.sum(inp, o, C) / C;
      FloatVector acc = FloatVector.zero(S);
      int i = 0;
      for (; i < ub; i += L) {
        FloatVector d = FloatVector.fromArray(S, inp, o + i).sub(m);
        acc = d.fma(d, acc);
      }
      float v = VectorMath.sumLanes(acc);
      for (; i < C; i++) {
        float d = inp[o + i] - m;
        v += d * d;
      }
      float s = (float) (1.0 / Math.sqrt(v / C + eps));
      for (i = 0; i < ub; i += L) {
        FloatVector norm = FloatVector.fromArray(S, inp, o + i).sub(m).mul(s);
        FloatVector b = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, i);
        norm.fma(FloatVector.fromArray(S, weight, i), b).intoArray(out, o + i);
      }
      for (; i < C; i++) {
        out[o + i] = (inp[o + i] - m) * s * weight[i] + (bias == null ? 0f : bias[i]);
      }
      if (mean != null) {
        mean[r] = m;
        rstd[r] = s;
      }
    }
  }

  static void backwardRows(
      float[] dinp,
      float[] dout,
      float[] inp,
      float[] weight,
      float[] mean,
      float[] rstd,
      int C,
      int r0,
      int r1) {
    int ub = S.loopBound(C);
    for (int r = r0; r < r1; r++) {
      int o = r * C;
      float m = mean[r];
      float s = rstd[r];
      FloatVector sumDnorm = FloatVector.zero(S);
      FloatVector sumDnormNorm = FloatVector.zero(S);
      int i = 0;
      for (; i < ub; i += L) {
        FloatVector dnorm =
            FloatVector.fromArray(S, weight, i).mul(FloatVector.fromArray(S, dout, o + i));
        FloatVector norm = FloatVector.fromArray(S, inp, o + i).sub(m).mul(s);
        sumDnorm = sumDnorm.add(dnorm);
        sumDnormNorm = dnorm.fma(norm, sumDnormNorm);
      }
      float dnormMean = VectorMath.sumLanes(sumDnorm);
      float dnormNormMean = VectorMath.sumLanes(sumDnormNorm);
      for (; i < C; i++) {
        float dnorm = weight[i] * dout[o + i];
        dnormMean += dnorm;
        dnormNormMean += dnorm * (inp[o + i] - m) * s;
      }
      dnormMean /= C;
      dnormNormMean /= C;
      for (i = 0; i < ub; i += L) {
        FloatVector dnorm =
            FloatVector.fromArray(S, weight, i).mul(FloatVector.fromArray(S, dout, o + i));
        FloatVector norm = FloatVector.fromArray(S, inp, o + i).sub(m).mul(s);
        FloatVector g = dnorm.sub(dnormMean).sub(norm.mul(dnormNormMean)).mul(s);
        g.add(FloatVector.fromArray(S, dinp, o + i)).intoArray(dinp, o + i);
      }
      for (; i < C; i++) {
        float norm = (inp[o + i] - m) * s;
        dinp[o + i] += (weight[i] * dout[o + i] - dnormMean - norm * dnormNormMean) * s;
      }
    }
  }

  static void paramGradColumns(
      float[] dweight,
      float[] dbias,
      float[] dout,
      float[] inp,
      float[] mean,
      float[] rstd,
      int N,
      int C,
      int c0,
      int c1) {
    int n = c1 - c0;
    int ub = S.loopBound(n);
    for (int r = 0; r < N; r++) {
      int o = r * C + c0;
      float m = mean[r];
      float s = rstd[r];
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector g = FloatVector.fromArray(S, dout, o + j);
        if (dweight != null) {
          FloatVector norm = FloatVector.fromArray(S, inp, o + j).sub(m).mul(s);
          g.fma(norm, FloatVector.fromArray(S, dweight, c0 + j)).intoArray(dweight, c0 + j);
        }
        if (dbias != null) {
          g.add(FloatVector.fromArray(S, dbias, c0 + j)).intoArray(dbias, c0 + j);
        }
      }
      for (; j < n; j++) {
        if (dweight != null) {
          dweight[c0 + j] += dout[o + j] * (inp[o + j] - m) * s;
        }
        if (dbias != null) {
          dbias[c0 + j] += dout[o + j];
        }
      }
    }
  }
}
