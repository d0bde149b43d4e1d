package org.tinyformer.kernels.elementwise;

import org.tinyformer.kernels.elementwise.ElementwiseKernel.Binary;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Fused;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Unary;

/**
 * Plain-loop twin of {@link ElementwiseKernel}: the test oracle, the fallback without the Vector
 * API and the scalar tail of {@link ElementwiseVector}. One loop per operation, chosen outside the
 * loop.
 */
final class ElementwisePlain {
  private ElementwisePlain() {}

  /** out[oOff + i] = a[aOff + i] op b[bOff + i] for i in [0, n). */
  static void binary(
      Binary kind, float[] out, int oOff, float[] a, int aOff, float[] b, int bOff, int n) {
    switch (kind) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[oOff + i] = a[aOff + i] + b[bOff + i];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          out[oOff + i] = a[aOff + i] - b[bOff + i];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          out[oOff + i] = a[aOff + i] * b[bOff + i];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          out[oOff + i] = a[aOff + i] / b[bOff + i];
        }
      }
    }
  }

  /** out[i] = f(a[i]) for i in [i0, i1). */
  static void unary(Unary kind, float[] out, float[] a, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      out[i] = apply(kind, a[i]);
    }
  }

  static float apply(Unary kind, float x) {
    return switch (kind) {
      case EXP -> (float) Math.exp(x);
      case LOG -> (float) Math.log(x);
      case TANH -> (float) Math.tanh(x);
      case SQRT -> (float) Math.sqrt(x);
      case RELU -> x > 0f ? x : 0f;
      case NEG -> -x;
    };
  }

  /** The fused operations of {@link ElementwiseKernel} for i in [i0, i1). */
  static void fused(Fused kind, float[] y, float[] a, float[] b, float s, int i0, int i1) {
    switch (kind) {
      case SCALE -> {
        for (int i = i0; i < i1; i++) {
          y[i] = s * a[i];
        }
      }
      case ADD_SCALAR -> {
        for (int i = i0; i < i1; i++) {
          y[i] = a[i] + s;
        }
      }
      case AXPY -> {
        for (int i = i0; i < i1; i++) {
          y[i] += s * a[i];
        }
      }
      case ADD_PRODUCT -> {
        for (int i = i0; i < i1; i++) {
          y[i] += a[i] * b[i];
        }
      }
      case RELU_BACKWARD -> {
        for (int i = i0; i < i1; i++) {
          y[i] += a[i] > 0f ? b[i] : 0f;
        }
      }
      case TANH_BACKWARD -> {
        for (int i = i0; i < i1; i++) {
          y[i] += (1f - a[i] * a[i]) * b[i];
        }
      }
    }
  }
}
