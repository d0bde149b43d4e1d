package org.tinyformer.kernels.norms;

/**
 * Plain-loop twin of {@link SoftmaxKernel}: the test oracle and the fallback without the Vector
 * API. Rows are {@code cols} contiguous floats; max-subtracted for stability.
 */
public final class SoftmaxPlain {
  private SoftmaxPlain() {}

  /** Single-threaded {@link SoftmaxKernel#forward}. */
  public static void forward(float[] out, float[] inp, int rows, int cols) {
    forwardRows(out, inp, cols, 0, rows);
  }

  /** Single-threaded {@link SoftmaxKernel#backward}. */
  public static void backward(float[] dinp, float[] out, float[] dout, int rows, int cols) {
    backwardRows(dinp, out, dout, cols, 0, rows);
  }

  /** Single-threaded {@link SoftmaxKernel#logForward}. */
  public static void logForward(float[] out, float[] inp, int rows, int cols) {
    logForwardRows(out, inp, cols, 0, rows);
  }

  /** Single-threaded {@link SoftmaxKernel#logBackward}. */
  public static void logBackward(float[] dinp, float[] out, float[] dout, int rows, int cols) {
    logBackwardRows(dinp, out, dout, cols, 0, rows);
  }

  static void forwardRows(float[] out, float[] inp, int cols, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, inp[o + j]);
      }
      float sum = 0f;
      for (int j = 0; j < cols; j++) {
        out[o + j] = (float) Math.exp(inp[o + j] - max);
        sum += out[o + j];
      }
      float inv = 1f / sum;
      for (int j = 0; j < cols; j++) {
        out[o + j] *= inv;
      }
    }
  }

  /** forward was: {@code out = softmax(inp)}, so {@code dinp += out * (dout - sum(dout * out))}. */
  static void backwardRows(float[] dinp, float[] out, float[] dout, int cols, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float dot = 0f;
      for (int j = 0; j < cols; j++) {
        dot += dout[o + j] * out[o + j];
      }
      for (int j = 0; j < cols; j++) {
        dinp[o + j] += out[o + j] * (dout[o + j] - dot);
      }
    }
  }

  static void logForwardRows(float[] out, float[] inp, int cols, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        max = Math.max(max, inp[o + j]);
      }
      float sum = 0f;
      for (int j = 0; j < cols; j++) {
        sum += (float) Math.exp(inp[o + j] - max);
      }
      float logSum = max + (float) Math.log(sum);
      for (int j = 0; j < cols; j++) {
        out[o + j] = inp[o + j] - logSum;
      }
    }
  }

  /**
   * forward was: {@code out = inp - logsumexp(inp)}, so {@code dinp += dout - exp(out) sum(dout)}.
   */
  static void logBackwardRows(float[] dinp, float[] out, float[] dout, int cols, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * cols;
      float sum = 0f;
      for (int j = 0; j < cols; j++) {
        sum += dout[o + j];
      }
      for (int j = 0; j < cols; j++) {
        dinp[o + j] += dout[o + j] - (float) Math.exp(out[o + j]) * sum;
      }
    }
  }
}
