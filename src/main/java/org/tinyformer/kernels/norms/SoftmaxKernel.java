package org.tinyformer.kernels.norms;

import org.tinyformer.kernels.runtime.KernelArgs;
import org.tinyformer.kernels.runtime.Parallel;
import org.tinyformer.kernels.runtime.Simd;
import org.tinyformer.kernels.runtime.Work;

/**
 * Softmax and log-softmax over the last dimension of a (rows, cols) array, with their backward
 * passes; max-subtracted for stability. Vector API rows (VectorFunctions.exp) in parallel, or
 * {@link SoftmaxPlain}. Usage: {@code SoftmaxKernel.forward(probs, logits, B * T, V)}.
 */
public final class SoftmaxKernel {
  private SoftmaxKernel() {}

  /** out (rows, cols) = softmax(inp (rows, cols)) row by row; out may be inp. */
  public static void forward(float[] out, float[] inp, int rows, int cols) {
    check("softmax", rows, cols, "out", out, "inp", inp);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        rows,
        Work.rows(cols),
        (r0, r1) -> {
          if (vector) {
            SoftmaxVector.forwardRows(out, inp, cols, r0, r1);
          } else {
            SoftmaxPlain.forwardRows(out, inp, cols, r0, r1);
          }
        });
  }

  /** dinp (rows, cols) += out * (dout - sum(dout * out)), from the forward's out. */
  public static void backward(float[] dinp, float[] out, float[] dout, int rows, int cols) {
    check("softmaxBackward", rows, cols, "dinp", dinp, "out", out, "dout", dout);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        rows,
        Work.rows(cols),
        (r0, r1) -> {
          if (vector) {
            SoftmaxVector.backwardRows(dinp, out, dout, cols, r0, r1);
          } else {
            SoftmaxPlain.backwardRows(dinp, out, dout, cols, r0, r1);
          }
        });
  }

  /** out (rows, cols) = inp - logsumexp(inp) row by row; out may be inp. */
  public static void logForward(float[] out, float[] inp, int rows, int cols) {
    check("logSoftmax", rows, cols, "out", out, "inp", inp);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        rows,
        Work.rows(cols),
        (r0, r1) -> {
          if (vector) {
            SoftmaxVector.logForwardRows(out, inp, cols, r0, r1);
          } else {
            SoftmaxPlain.logForwardRows(out, inp, cols, r0, r1);
          }
        });
  }

  /** dinp (rows, cols) += dout - exp(out) * sum(dout), from the forward's out. */
  public static void logBackward(float[] dinp, float[] out, float[] dout, int rows, int cols) {
    check("logSoftmaxBackward", rows, cols, "dinp", dinp, "out", out, "dout", dout);
    boolean vector = Simd.AVAILABLE;
    Parallel.forRange(
        rows,
        Work.rows(cols),
        (r0, r1) -> {
          if (vector) {
            SoftmaxVector.logBackwardRows(dinp, out, dout, cols, r0, r1);
          } else {
            SoftmaxPlain.logBackwardRows(dinp, out, dout, cols, r0, r1);
          }
        });
  }

  private static void check(String op, int rows, int cols, Object... namesAndArrays) {
    KernelArgs.positive(op, "rows, cols", rows, cols);
    KernelArgs.allFloats(op, new int[] {rows, cols}, namesAndArrays);
  }
}
