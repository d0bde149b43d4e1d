package org.tinyformer.tensor;

/**
 * Reductions: sum and mean of everything (to shape ()), and sum, mean and max over one dimension
 * with or without keepdim. A tensor is viewed as {@code (outer, n, inner)} around the reduced
 * dimension; backward spreads {@code dOut} back over the n reduced elements.
 */
final class Reductions {
  private Reductions() {}

  /** Sum (or mean) of all elements, shape (). */
  static Tensor sumAll(Tensor x, boolean mean) {
    float[] xd = x.data();
    double acc = 0;
    for (float v : xd) {
      acc += v;
    }
    float scale = mean ? 1f / xd.length : 1f;
    Tensor out =
        Tensor.result(
            mean ? "mean" : "sum", new float[] {(float) acc * scale}, Shape.of(), x); // ()
    return out.onBackward(
        () -> {
          // d(sum x)/dx_i = 1 ; d(mean x)/dx_i = 1/n
          float g = out.grad()[0] * scale;
          float[] dx = x.gradOrZeros();
          for (int i = 0; i < dx.length; i++) {
            dx[i] += g;
          }
        });
  }

  /** Sum (or mean) over {@code dim}. */
  static Tensor sum(Tensor x, int dim, boolean keepdim, boolean mean) {
    String name = mean ? "mean" : "sum";
    Shape s = x.shape();
    int d = s.axis(name, dim);
    int outer = s.outer(d);
    int n = s.size(d);
    int inner = s.inner(d);
    float scale = mean ? 1f / n : 1f;
    float[] xd = x.data();
    float[] o = StepArena.floats(outer * inner); // (outer, inner)
    for (int a = 0; a < outer; a++) {
      for (int k = 0; k < n; k++) {
        int base = (a * n + k) * inner;
        for (int j = 0; j < inner; j++) {
          o[a * inner + j] += xd[base + j];
        }
      }
    }
    for (int i = 0; i < o.length; i++) {
      o[i] *= scale;
    }
    Tensor out = Tensor.result(name, o, reducedShape(s, d, keepdim), x);
    return out.onBackward(
        () -> {
          // d(sum_k x_k)/dx_k = 1 (times 1/n for the mean): dOut spreads over the reduced dim
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          for (int a = 0; a < outer; a++) {
            for (int k = 0; k < n; k++) {
              int base = (a * n + k) * inner;
              for (int j = 0; j < inner; j++) {
                dx[base + j] += scale * dOut[a * inner + j];
              }
            }
          }
        });
  }

  /** Maximum over {@code dim}; the gradient goes to the (first) maximal element. */
  static Tensor max(Tensor x, int dim, boolean keepdim) {
    Shape s = x.shape();
    int d = s.axis("max", dim);
    int outer = s.outer(d);
    int n = s.size(d);
    int inner = s.inner(d);
    org.tinyformer.base.Checks.check(n > 0, "max: dimension %d of %s is empty", dim, s);
    float[] xd = x.data();
    float[] o = StepArena.floats(outer * inner); // (outer, inner)
    int[] arg = new int[outer * inner]; // flat index of the maximum in x
    for (int a = 0; a < outer; a++) {
      for (int j = 0; j < inner; j++) {
        int best = a * n * inner + j;
        for (int k = 1; k < n; k++) {
          int i = (a * n + k) * inner + j;
          if (xd[i] > xd[best] || Float.isNaN(xd[i])) {
            best = i;
          }
        }
        o[a * inner + j] = xd[best];
        arg[a * inner + j] = best;
      }
    }
    Tensor out = Tensor.result("max", o, reducedShape(s, d, keepdim), x);
    return out.onBackward(
        () -> {
          // d(max_k x_k)/dx_k = [k == argmax]
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          for (int i = 0; i < arg.length; i++) {
            dx[arg[i]] += dOut[i];
          }
        });
  }

  static Shape reducedShape(Shape s, int d, boolean keepdim) {
    int[] dims = s.dims();
    if (keepdim) {
      dims[d] = 1;
      return Shape.of(dims);
    }
    int[] out = new int[dims.length - 1];
    for (int i = 0, j = 0; i < dims.length; i++) {
      if (i != d) {
        out[j++] = dims[i];
      }
    }
    return Shape.of(out);
  }
}
