package org.tinyformer.tensor;

import java.util.function.IntConsumer;
import org.tinyformer.base.Checks;
import org.tinyformer.kernels.gemm.GemmKernel;
import org.tinyformer.kernels.runtime.Parallel;

/**
 * Matrix product {@code (..., M, K) @ (..., K, N) -> (..., M, N)} with numpy-broadcast batch
 * dimensions, on the GEMM kernels: forward {@code out = a @ b}, backward {@code da += dOut @ bᵀ}
 * and {@code db += aᵀ @ dOut} (summed over broadcast batches). A rank-2 {@code b} takes one GEMM.
 */
final class MatmulOp {
  private MatmulOp() {}

  static Tensor matmul(Tensor a, Tensor b) {
    Checks.check(
        a.rank() >= 2 && b.rank() >= 2,
        "matmul: both operands need at least 2 dimensions: a is %s, b is %s",
        a.shape(),
        b.shape());
    int M = a.size(-2);
    int K = a.size(-1);
    int N = b.size(-1);
    Checks.check(
        b.size(-2) == K, "matmul: inner dimensions differ: a is %s, b is %s", a.shape(), b.shape());
    Shape batchA = Shape.of(java.util.Arrays.copyOf(a.dims(), a.rank() - 2));
    Shape batchB = Shape.of(java.util.Arrays.copyOf(b.dims(), b.rank() - 2));
    Broadcast batches;
    try {
      batches = Broadcast.of("matmul", batchA, batchB);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "matmul: batch dimensions do not broadcast: a is " + a.shape() + ", b is " + b.shape());
    }
    int[] outDims = java.util.Arrays.copyOf(batches.out.dims(), batches.out.rank() + 2);
    outDims[outDims.length - 2] = M;
    outDims[outDims.length - 1] = N;
    if (batchB.numel() == 1 && batchA.equals(batches.out)) {
      return flat(a, b, batchA.numel() * M, K, N, Shape.of(outDims));
    }
    return batched(a, b, batches, M, K, N, Shape.of(outDims));
  }

  /** a (R, K) @ b (K, N) with all of a's batch rows stacked into R: one GEMM each way. */
  private static Tensor flat(Tensor a, Tensor b, int R, int K, int N, Shape outShape) {
    float[] o = K > 0 ? StepArena.floatsToOverwrite(R * N) : StepArena.floats(R * N); // (..., M, N)
    GemmKernel.matmul(o, 0, a.data(), 0, b.data(), 0, R, K, N, false);
    Tensor out = Tensor.result("matmul", o, outShape, a, b);
    return out.onBackward(
        () -> {
          float[] dOut = out.grad(); // (R, N)
          if (a.requiresGrad()) { // forward was: out = a @ b, so da += dOut @ bᵀ
            GemmKernel.matmulTransB(a.gradOrZeros(), 0, dOut, 0, b.data(), 0, R, N, K, true);
          }
          if (b.requiresGrad()) { // db += aᵀ @ dOut, summed over all rows R
            GemmKernel.matmulTransA(b.gradOrZeros(), 0, a.data(), 0, dOut, 0, K, R, N, true);
          }
        });
  }

  /**
   * One GEMM per output batch, reading the broadcast batch of each operand; batches run in
   * parallel, except where a broadcast operand's gradient would be written by several at once.
   */
  private static Tensor batched(
      Tensor a, Tensor b, Broadcast batches, int M, int K, int N, Shape outShape) {
    int count = batches.out.numel();
    int[] ia = new int[count]; // batch of a read by output batch i
    int[] ib = new int[count]; // batch of b read by output batch i
    ElementwiseOps.forEach(
        batches,
        (i, x, y) -> {
          ia[i] = x;
          ib[i] = y;
        });
    float[] o = StepArena.floats(outShape.numel()); // (..., M, N)
    float[] ad = a.data();
    float[] bd = b.data();
    Parallel.forRange(
        count,
        1,
        (lo, hi) -> {
          for (int i = lo; i < hi; i++) {
            GemmKernel.matmul(o, i * M * N, ad, ia[i] * M * K, bd, ib[i] * K * N, M, K, N, false);
          }
        });
    Tensor out = Tensor.result("matmul", o, outShape, a, b);
    return out.onBackward(
        () -> {
          float[] dOut = out.grad(); // (..., M, N)
          if (a.requiresGrad()) { // forward was: out = a @ b, so da += dOut @ bᵀ
            float[] da = a.gradOrZeros();
            forBatches(
                count,
                a.numel() == count * M * K,
                (i) ->
                    GemmKernel.matmulTransB(
                        da, ia[i] * M * K, dOut, i * M * N, bd, ib[i] * K * N, M, N, K, true));
          }
          if (b.requiresGrad()) { // db += aᵀ @ dOut
            float[] db = b.gradOrZeros();
            forBatches(
                count,
                b.numel() == count * K * N,
                (i) ->
                    GemmKernel.matmulTransA(
                        db, ib[i] * K * N, ad, ia[i] * M * K, dOut, i * M * N, K, M, N, true));
          }
        });
  }

  /** Runs {@code body} for every batch, in parallel when no two batches write the same place. */
  private static void forBatches(int count, boolean distinctTargets, IntConsumer body) {
    if (distinctTargets) {
      Parallel.forRange(
          count,
          1,
          (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
              body.accept(i);
            }
          });
    } else {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
    }
  }
}
