package org.tinyformer.kernels.elementwise;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorMath;

/** Vector API ranges of {@link AdamWKernel}; same contracts as {@link AdamWPlain}. */
final class AdamWVector {
  private AdamWVector() {}

  /** Elements summed in float lanes before they are added to the double total. */
  private static final int BLOCK = 1024;

  static void updateRange(
      float[] param,
      float[] grad,
      float[] m,
      float[] v,
      float beta1,
      float beta2,
      float eps,
      float[] c,
      int i0,
      int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector g = FloatVector.fromArray(S, grad, i);
      FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(g.mul(1f - beta1));
      // (1 - beta2) g g in the plain twin's order, so both give the same bits
      FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(g.mul(1f - beta2).mul(g));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector denom = vi.sqrt().mul(c[2]).add(eps);
      FloatVector p = FloatVector.fromArray(S, param, i).mul(c[0]);
      p.sub(mi.mul(c[1]).div(denom)).intoArray(param, i);
    }
    AdamWPlain.updateRange(param, grad, m, v, beta1, beta2, eps, c, i, i1);
  }

  static double sumOfSquaresRange(float[] x, int i0, int i1) {
    double total = 0;
    int i = i0;
    while (i1 - i >= BLOCK) {
      FloatVector acc = FloatVector.zero(S);
      for (int end = i + BLOCK; i < end; i += L) {
        FloatVector a = FloatVector.fromArray(S, x, i);
        acc = a.fma(a, acc);
      }
      total += VectorMath.sumLanes(acc);
    }
    return total + AdamWPlain.sumOfSquaresRange(x, i, i1);
  }
}
