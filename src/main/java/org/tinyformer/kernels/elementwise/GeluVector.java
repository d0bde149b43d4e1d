package org.tinyformer.kernels.elementwise;

import static org.tinyformer.kernels.runtime.VectorMath.GELU_C;
import static org.tinyformer.kernels.runtime.VectorMath.GELU_K;
import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorMath;

/**
 * Vector API ranges of {@link GeluKernel}, with tanh through VectorFunctions.exp; tails run {@link
 * GeluPlain}.
 */
final class GeluVector {
  private GeluVector() {}

  static void forwardRange(float[] out, float[] inp, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, inp, i);
      FloatVector t = x.mul(x).mul(x).mul(GELU_C).add(x).mul(GELU_K);
      t = VectorMath.tanh(t);
      x.mul(0.5f).mul(t.add(1f)).intoArray(out, i);
    }
    GeluPlain.forwardRange(out, inp, i, i1);
  }

  /** out = gelu(x) and derivative = gelu'(x) with the same operations as the two loops here. */
  static void forwardWithDerivativeRange(
      float[] out, float[] derivative, float[] inp, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, inp, i);
      FloatVector x2 = x.mul(x);
      FloatVector t = VectorMath.tanh(x2.mul(x).mul(GELU_C).add(x).mul(GELU_K));
      x.mul(0.5f).mul(t.add(1f)).intoArray(out, i);
      FloatVector sech2 = t.mul(t).neg().add(1f);
      FloatVector du = x2.mul(3f * GELU_C).add(1f).mul(GELU_K);
      t.add(1f).add(x.mul(sech2).mul(du)).mul(0.5f).intoArray(derivative, i);
    }
    GeluPlain.forwardWithDerivativeRange(out, derivative, inp, i, i1);
  }

  static void backwardRange(float[] dinp, float[] inp, float[] dout, int i0, int i1) {
    int i = i0;
    for (int ub = i0 + S.loopBound(i1 - i0); i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, inp, i);
      FloatVector x2 = x.mul(x);
      FloatVector t = x2.mul(x).mul(GELU_C).add(x).mul(GELU_K);
      t = VectorMath.tanh(t);
      FloatVector sech2 = t.mul(t).neg().add(1f);
      FloatVector du = x2.mul(3f * GELU_C).add(1f).mul(GELU_K);
      FloatVector local = t.add(1f).add(x.mul(sech2).mul(du)).mul(0.5f);
      local
          .fma(FloatVector.fromArray(S, dout, i), FloatVector.fromArray(S, dinp, i))
          .intoArray(dinp, i);
    }
    GeluPlain.backwardRange(dinp, inp, dout, i, i1);
  }
}
