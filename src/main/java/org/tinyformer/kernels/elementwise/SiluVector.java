package org.tinyformer.kernels.elementwise;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Vector API ranges of {@link SiluKernel}, sigmoid through VectorFunctions.exp; tails run {@link
 * SiluPlain}.
 */
final class SiluVector {
  private SiluVector() {}

  static void forwardRange(float[] out, float[] inp, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, inp, i);
      x.mul(VectorMath.sigmoid(x)).intoArray(out, i);
    }
    SiluPlain.forwardRange(out, inp, i, i1);
  }

  static void backwardRange(float[] dinp, float[] inp, float[] dout, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, inp, i);
      FloatVector local = siluGrad(x, VectorMath.sigmoid(x));
      local
          .fma(FloatVector.fromArray(S, dout, i), FloatVector.fromArray(S, dinp, i))
          .intoArray(dinp, i);
    }
    SiluPlain.backwardRange(dinp, inp, dout, i, i1);
  }

  static void swigluForwardRange(float[] out, float[] a, float[] b, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, i);
      x.mul(VectorMath.sigmoid(x)).mul(FloatVector.fromArray(S, b, i)).intoArray(out, i);
    }
    SiluPlain.swigluForwardRange(out, a, b, i, i1);
  }

  static void swigluBackwardRange(
      float[] da, float[] db, float[] dout, float[] a, float[] b, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, i);
      FloatVector s = VectorMath.sigmoid(x);
      FloatVector g = FloatVector.fromArray(S, dout, i);
      if (da != null) {
        FloatVector local = siluGrad(x, s).mul(FloatVector.fromArray(S, b, i));
        local.fma(g, FloatVector.fromArray(S, da, i)).intoArray(da, i);
      }
      if (db != null) {
        x.mul(s).fma(g, FloatVector.fromArray(S, db, i)).intoArray(db, i);
      }
    }
    SiluPlain.swigluBackwardRange(da, db, dout, a, b, i, i1);
  }

  /** d silu(x) / dx = s (1 + x (1 - s)) with s = sigmoid(x). */
  private static FloatVector siluGrad(FloatVector x, FloatVector s) {
    return s.neg().add(1f).mul(x).add(1f).mul(s);
  }
}
