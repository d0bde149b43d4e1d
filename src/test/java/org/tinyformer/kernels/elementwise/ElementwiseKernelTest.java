package org.tinyformer.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinyformer.kernels.runtime.KernelAsserts.assertClose;
import static org.tinyformer.kernels.runtime.KernelAsserts.randn;
import static org.tinyformer.kernels.runtime.KernelAsserts.uniform;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Binary;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Fused;
import org.tinyformer.kernels.elementwise.ElementwiseKernel.Unary;

class ElementwiseKernelTest {
  private final Rng rng = new Rng(21);
  private static final int[] SIZES = {0, 1, 15, 16, 17, 100, 70_001, 300_000};

  @Test
  void binaryOpsMatchPlainOverSizes() {
    for (int n : SIZES) {
      float[] a = randn(rng, n, 1f), b = uniform(rng, n, 0.5f, 2f);
      for (Binary kind : Binary.values()) {
        float[] out = new float[n], expected = new float[n];
        switch (kind) {
          case ADD -> ElementwiseKernel.add(out, a, b, n);
          case SUB -> ElementwiseKernel.sub(out, a, b, n);
          case MUL -> ElementwiseKernel.mul(out, a, b, n);
          case DIV -> ElementwiseKernel.div(out, a, b, n);
        }
        ElementwisePlain.binary(kind, expected, 0, a, 0, b, 0, n);
        assertClose(kind + " n=" + n, out, expected, 1e-6);
      }
    }
  }

  @Test
  void unaryOpsMatchPlainOverSizes() {
    for (int n : SIZES) {
      float[] a = uniform(rng, n, 0.01f, 5f);
      for (int i = 0; i < n; i += 3) {
        a[i] = -a[i]; // negatives for relu, neg, exp, tanh; log and sqrt get NaN in both paths
      }
      for (Unary kind : Unary.values()) {
        float[] out = new float[n], expected = new float[n];
        switch (kind) {
          case EXP -> ElementwiseKernel.exp(out, a, n);
          case LOG -> ElementwiseKernel.log(out, a, n);
          case TANH -> ElementwiseKernel.tanh(out, a, n);
          case SQRT -> ElementwiseKernel.sqrt(out, a, n);
          case RELU -> ElementwiseKernel.relu(out, a, n);
          case NEG -> ElementwiseKernel.neg(out, a, n);
        }
        ElementwisePlain.unary(kind, expected, a, 0, n);
        assertSameOrBothNaN(kind + " n=" + n, out, expected);
      }
    }
  }

  @Test
  void fusedOpsMatchPlainOverSizes() {
    for (int n : SIZES) {
      float[] a = randn(rng, n, 1f), b = randn(rng, n, 1f), y0 = randn(rng, n, 1f);
      for (Fused kind : Fused.values()) {
        float[] y = y0.clone(), expected = y0.clone();
        switch (kind) {
          case SCALE -> ElementwiseKernel.scale(y, a, 0.3f, n);
          case ADD_SCALAR -> ElementwiseKernel.addScalar(y, a, 0.3f, n);
          case AXPY -> ElementwiseKernel.axpy(y, 0.3f, a, n);
          case ADD_PRODUCT -> ElementwiseKernel.addProduct(y, a, b, n);
          case RELU_BACKWARD -> ElementwiseKernel.reluBackward(y, a, b, n);
          case TANH_BACKWARD -> ElementwiseKernel.tanhBackward(y, a, b, n);
        }
        ElementwisePlain.fused(kind, expected, a, b, 0.3f, 0, n);
        assertClose(kind + " n=" + n, y, expected, 1e-6);
      }
    }
  }

  @Test
  void binaryOpsUseOffsets() {
    float[] a = {1, 2, 3, 4, 5}, b = {10, 20, 30}, out = new float[6];
    ElementwiseKernel.add(out, 2, a, 1, b, 0, 3);
    assertThat(out).containsExactly(0, 0, 12, 23, 34, 0);
    assertThatThrownBy(() -> ElementwiseKernel.mul(out, 4, a, 0, b, 0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mul: out needs 3 floats from offset 4, array has 6");
    assertThatThrownBy(() -> ElementwiseKernel.reluBackward(out, a, b, 5))
        .hasMessage("reluBackward: dout needs 5 floats for (5,), array has 3");
  }

  private static void assertSameOrBothNaN(String what, float[] actual, float[] expected) {
    for (int i = 0; i < actual.length; i++) {
      if (Float.isNaN(expected[i])) {
        assertThat(actual[i]).as(what + " at " + i).isNaN();
        actual[i] = expected[i] = 0f;
      }
    }
    assertClose(what, actual, expected, 2e-6);
  }
}
