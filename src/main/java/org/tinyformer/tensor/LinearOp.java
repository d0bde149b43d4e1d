package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.elementwise.ElementwiseKernel;
import org.tinyformer.kernels.gemm.Bf16;
import org.tinyformer.kernels.gemm.GemmKernel;

/**
 * The affine map of {@code nn.Linear}, fused: {@code y = x Wᵀ + b} with the weight stored (out, in)
 * as in PyTorch, on the A·Bᵀ GEMM, so no transposed copy of W is made. With {@code bf16Inputs}
 * (mixed-precision training) the GEMM inputs are rounded to bfloat16 (nearest even) first, in the
 * forward (x, W) and in the backward (dy, W, x), while sums stay float32, as bf16 autocast does;
 * the float32 weights and gradients themselves are untouched.
 */
final class LinearOp {
  private LinearOp() {}

  static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return linear(x, weight, bias, false);
  }

  static Tensor linear(Tensor x, Tensor weight, Tensor bias, boolean bf16Inputs) {
    Checks.check(weight.rank() == 2, "linear: weight must be (out, in), got %s", weight.shape());
    int OC = weight.size(0);
    int C = weight.size(1);
    Checks.check(
        x.rank() >= 1 && x.size(-1) == C,
        "linear: input's last dimension must be %d: x is %s, weight is %s",
        C,
        x.shape(),
        weight.shape());
    Checks.check(
        bias == null || (bias.rank() == 1 && bias.size(0) == OC),
        "linear: bias must be (%d,), got %s",
        OC,
        bias == null ? null : bias.shape());
    int R = x.numel() / Math.max(C, 1);
    int[] dims = x.dims();
    dims[dims.length - 1] = OC;
    float[] y = C > 0 ? StepArena.floatsToOverwrite(R * OC) : StepArena.floats(R * OC); // (..., OC)
    float[] xIn = bf16Inputs ? rounded(x.data()) : x.data(); // (R, C)
    float[] wIn = bf16Inputs ? rounded(weight.data()) : weight.data(); // (OC, C)
    GemmKernel.matmulTransB(y, 0, xIn, 0, wIn, 0, R, C, OC, false);
    if (bias != null) { // row r += b, a vector add per row (a scalar loop was 2% of a small step)
      float[] b = bias.data(); // (OC)
      for (int r = 0; r < R; r++) {
        ElementwiseKernel.addOnThisThread(y, r * OC, y, r * OC, b, 0, OC); // (OC)
      }
    }
    Tensor out = Tensor.result("linear", y, Shape.of(dims), x, weight, bias);
    return out.onBackward(
        () -> {
          float[] dy = out.grad(); // (R, OC)
          float[] dyIn = bf16Inputs ? rounded(dy) : dy; // (R, OC)
          if (x.requiresGrad()) { // forward was: y = x Wᵀ, so dx += dy W
            GemmKernel.matmul(x.gradOrZeros(), 0, dyIn, 0, wIn, 0, R, OC, C, true);
          }
          if (weight.requiresGrad()) { // dW += dyᵀ x
            GemmKernel.matmulTransA(weight.gradOrZeros(), 0, dyIn, 0, xIn, 0, OC, R, C, true);
          }
          if (bias != null && bias.requiresGrad()) { // db += dy's rows in row order (float32)
            float[] db = bias.gradOrZeros(); // (OC)
            for (int r = 0; r < R; r++) {
              ElementwiseKernel.addOnThisThread(db, 0, db, 0, dy, r * OC, OC); // (OC)
            }
          }
        });
  }

  /** A copy of {@code a} with every value rounded to the nearest bfloat16. */
  private static float[] rounded(float[] a) {
    float[] r = new float[a.length];
    Bf16.round(r, a, 0, a.length);
    return r;
  }
}
