package org.tinyformer.kernels.norms;

import static org.tinyformer.kernels.runtime.VectorMath.L;
import static org.tinyformer.kernels.runtime.VectorMath.S;

import jdk.incubator.vector.FloatVector;
import org.tinyformer.kernels.runtime.VectorMath;

/** Vector API rows of {@link CrossEntropyKernel}; same contracts as {@link CrossEntropyPlain}. */
final class CrossEntropyVector {
  private CrossEntropyVector() {}

  static void forwardRows(
      float[] losses,
      float[] probs,
      float[] logits,
      int[] targets,
      int ignoreIndex,
      int V,
      int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      int o = r * V;
      float max = VectorMath.max(logits, o, V);
      float sum = SoftmaxVector.expShifted(probs, o, logits, o, V, max);
      if (probs != null) {
        VectorMath.scale(probs, o, 1f / sum, V);
      }
      int t = targets[r];
      losses[r] = t == ignoreIndex ? 0f : max + (float) Math.log(sum) - logits[o + t];
    }
  }

  static void backwardRows(
      float[] dlogits,
      float[] dlosses,
      float[] probs,
      int[] targets,
      int ignoreIndex,
      int V,
      int r0,
      int r1) {
    int ub = S.loopBound(V);
    for (int r = r0; r < r1; r++) {
      int t = targets[r];
      if (t == ignoreIndex) {
        continue;
      }
      int o = r * V;
      float g = dlosses[r];
      int j = 0;
      for (; j < ub; j += L) {
        FloatVector.fromArray(S, probs, o + j)
            .mul(g)
            .add(FloatVector.fromArray(S, dlogits, o + j))
            .intoArray(dlogits, o + j);
      }
      for (; j < V; j++) {
        dlogits[o + j] += probs[o + j] * g;
      }
      dlogits[o + t] -= g;
    }
  }
}
