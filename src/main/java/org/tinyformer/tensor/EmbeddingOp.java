package org.tinyformer.tensor;

import org.tinyformer.base.Checks;
import org.tinyformer.kernels.elementwise.EmbeddingKernel;

/**
 * Embedding lookup (gather): row {@code ids[i]} of the table {@code (V, C)} becomes row i of the
 * output {@code (idsDims..., C)}; backward scatters {@code dOut} back, adding up repeated ids.
 */
final class EmbeddingOp {
  private EmbeddingOp() {}

  static Tensor embedding(Tensor weight, int[] ids, int... idsDims) {
    Checks.check(weight.rank() == 2, "embedding: weight must be (V, C), got %s", weight.shape());
    int V = weight.size(0);
    int C = weight.size(1);
    int n = Shape.of(idsDims).numel();
    Checks.check(
        ids.length == n,
        "embedding: %d ids do not fill shape %s (%d)",
        ids.length,
        Shape.of(idsDims),
        n);
    for (int i = 0; i < n; i++) {
      Checks.check(
          ids[i] >= 0 && ids[i] < V,
          "embedding: id %d at position %d is out of range for a table of %d rows",
          ids[i],
          i,
          V);
    }
    int[] outDims = java.util.Arrays.copyOf(idsDims, idsDims.length + 1);
    outDims[idsDims.length] = C;
    float[] o = StepArena.floatsToOverwrite(n * C); // (idsDims..., C)
    EmbeddingKernel.forward(o, ids, weight.data(), null, 1, n, C);
    int[] saved = ids.clone(); // (n), the caller may reuse its array
    Tensor out = Tensor.result("embedding", o, Shape.of(outDims), weight);
    return out.onBackward(
        () -> {
          // forward was: out[i] = weight[ids[i]], so dWeight[ids[i]] += dOut[i]
          EmbeddingKernel.backward(weight.gradOrZeros(), null, out.grad(), saved, 1, n, C);
        });
  }
}
