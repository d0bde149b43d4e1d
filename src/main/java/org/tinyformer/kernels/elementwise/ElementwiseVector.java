package org.tinyformer.kernels.elementwise;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Binary;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Fused;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Unary;
import org.tinyformer.kernels.runtime.VectorFunctions;

/**
 * Vector API loops of {@link ElementwiseKernel}; each operation is its own loop so that the JIT
 * compiles straight vector code, and the tail runs {@link ElementwisePlain}.
 */
final class ElementwiseVector {
  private ElementwiseVector() {}

  static void binary(
      Binary kind, float[] out, int oOff, float[] a, int aOff, float[] b, int bOff, int n) {
    int i = 0;
    int ub = S.loopBound(n);
    for (; i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, aOff + i);
      FloatVector y = FloatVector.fromArray(S, b, bOff + i);
      FloatVector r =
          switch (kind) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
          };
      r.intoArray(out, oOff + i);
    }
    ElementwisePlain.binary(kind, out, oOff + i, a, aOff + i, b, bOff + i, n - i);
  }

  static void unary(Unary kind, float[] out, float[] a, int i0, int i1) {
    int i = i0;
    int ub = i0 + S.loopBound(i1 - i0);
    for (; i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, i);
      FloatVector r =
          switch (kind) {
            case EXP -> VectorFunctions.exp(x);
            case LOG -> VectorFunctions.log(x);
            case TANH -> VectorFunctions.tanh(x);
            case SQRT -> x.sqrt();
            case RELU -> x.max(0f);
            case NEG -> x.neg();
          };
      r.intoArray(out, i);
    }
    ElementwisePlain.unary(kind, out, a, i, i1);
  }

  static void fused(Fused kind, float[] y, float[] a, float[] b, float s, int i0, int i1) {
    int i = i0;
    int ub = i0 + S.loopBound(i1 - i0);
    for (; i < ub; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, i);
      FloatVector r =
          switch (kind) {
            case SCALE -> x.mul(s);
            case ADD_SCALAR -> x.add(s);
            case AXPY -> x.fma(FloatVector.broadcast(S, s), FloatVector.fromArray(S, y, i));
            case ADD_PRODUCT ->
                x.fma(FloatVector.fromArray(S, b, i), FloatVector.fromArray(S, y, i));
            case RELU_BACKWARD ->
                FloatVector.fromArray(S, b, i)
                    .blend(0f, x.compare(VectorOperators.LE, 0f))
                    .add(FloatVector.fromArray(S, y, i));
            case TANH_BACKWARD ->
                x.mul(x)
                    .neg()
                    .add(1f)
                    .fma(FloatVector.fromArray(S, b, i), FloatVector.fromArray(S, y, i));
          };
      r.intoArray(y, i);
    }
    ElementwisePlain.fused(kind, y, a, b, s, i, i1);
  }
}
