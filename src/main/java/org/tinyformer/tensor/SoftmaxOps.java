package org.tinyformer.tensor;

import org.tinyformer.kernels.norms.SoftmaxKernel;

/**
 * Softmax and log-softmax over any dimension, viewed as {@code (outer, n, inner)} around it; the
 * last dimension runs on {@code kernels.SoftmaxKernel}, others on the strided loops here. A row
 * whose entries are all -inf (fully masked) gives zeros rather than NaN, so padding rows stay
 * harmless in attention.
 */
final class SoftmaxOps {
  private SoftmaxOps() {}

  static Tensor softmax(Tensor x, int dim) {
    Shape s = x.shape();
    int d = s.axis("softmax", dim);
    int outer = s.outer(d);
    int n = s.size(d);
    int inner = s.inner(d);
    float[] y = StepArena.floats(x.numel()); // same shape as x
    if (inner == 1) {
      SoftmaxKernel.forward(y, x.data(), outer, n);
      zeroMaskedRows(y, x.data(), outer, n, 0f);
      Tensor out = Tensor.result("softmax", y, s, x);
      // dx = y (dy - sum(dy y))
      return out.onBackward(() -> SoftmaxKernel.backward(x.gradOrZeros(), y, out.grad(), outer, n));
    }
    rows(x.data(), y, outer, n, inner, false);
    Tensor out = Tensor.result("softmax", y, s, x);
    return out.onBackward(
        () -> {
          // dx_k = y_k (dy_k - sum_j dy_j y_j)
          float[] dy = out.grad();
          float[] dx = x.gradOrZeros();
          for (int a = 0; a < outer; a++) {
            for (int j = 0; j < inner; j++) {
              int base = a * n * inner + j;
              double dot = 0;
              for (int k = 0; k < n; k++) {
                dot += dy[base + k * inner] * y[base + k * inner];
              }
              for (int k = 0; k < n; k++) {
                int i = base + k * inner;
                dx[i] += y[i] * (dy[i] - (float) dot);
              }
            }
          }
        });
  }

  static Tensor logSoftmax(Tensor x, int dim) {
    Shape s = x.shape();
    int d = s.axis("logSoftmax", dim);
    int outer = s.outer(d);
    int n = s.size(d);
    int inner = s.inner(d);
    float[] y = StepArena.floats(x.numel()); // same shape as x
    if (inner == 1) {
      SoftmaxKernel.logForward(y, x.data(), outer, n);
      zeroMaskedRows(y, x.data(), outer, n, Float.NEGATIVE_INFINITY);
      Tensor out = Tensor.result("logSoftmax", y, s, x);
      // dx = dy - exp(y) sum(dy)
      return out.onBackward(
          () -> SoftmaxKernel.logBackward(x.gradOrZeros(), y, out.grad(), outer, n));
    }
    rows(x.data(), y, outer, n, inner, true);
    Tensor out = Tensor.result("logSoftmax", y, s, x);
    return out.onBackward(
        () -> {
          // dx_k = dy_k - softmax_k * sum_j dy_j, with softmax_k = exp(y_k)
          float[] dy = out.grad();
          float[] dx = x.gradOrZeros();
          for (int a = 0; a < outer; a++) {
            for (int j = 0; j < inner; j++) {
              int base = a * n * inner + j;
              double sum = 0;
              for (int k = 0; k < n; k++) {
                sum += dy[base + k * inner];
              }
              for (int k = 0; k < n; k++) {
                int i = base + k * inner;
                dx[i] += dy[i] - (float) Math.exp(y[i]) * (float) sum;
              }
            }
          }
        });
  }

  /**
   * Rows whose inputs are all -inf come out of the kernel as NaN (their max is -inf); they get
   * {@code fill} instead. A finite max never gives NaN, so the first element of a row tells.
   */
  private static void zeroMaskedRows(float[] y, float[] x, int rows, int n, float fill) {
    for (int r = 0; r < rows; r++) {
      if (n > 0 && Float.isNaN(y[r * n]) && allNegativeInfinity(x, r * n, n)) {
        java.util.Arrays.fill(y, r * n, (r + 1) * n, fill);
      }
    }
  }

  private static boolean allNegativeInfinity(float[] x, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (x[i] != Float.NEGATIVE_INFINITY) {
        return false;
      }
    }
    return true;
  }

  /** Softmax (or log-softmax) of every row of n elements spaced {@code inner} apart. */
  private static void rows(float[] x, float[] y, int outer, int n, int inner, boolean log) {
    for (int a = 0; a < outer; a++) {
      for (int j = 0; j < inner; j++) {
        int base = a * n * inner + j;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          max = Math.max(max, x[base + k * inner]);
        }
        if (max == Float.NEGATIVE_INFINITY) { // fully masked row
          for (int k = 0; k < n; k++) {
            y[base + k * inner] = log ? Float.NEGATIVE_INFINITY : 0f;
          }
          continue;
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
          float e = (float) Math.exp(x[base + k * inner] - max);
          y[base + k * inner] = e;
          sum += e;
        }
        float logSum = (float) Math.log(sum);
        float inv = (float) (1.0 / sum);
        for (int k = 0; k < n; k++) {
          int i = base + k * inner;
          y[i] = log ? x[i] - max - logSum : y[i] * inv;
        }
      }
    }
  }
}
