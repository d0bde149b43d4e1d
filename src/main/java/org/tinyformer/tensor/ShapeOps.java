package org.tinyformer.tensor;

import org.tinyformer.base.Checks;

/**
 * Operations that move elements without arithmetic: reshape (shares data), transpose and permute
 * (copy into the new order), slice, cat and split. Each backward moves {@code dOut} back to where
 * its elements came from.
 */
final class ShapeOps {
  private ShapeOps() {}

  static Tensor reshape(Tensor x, int... dims) {
    Shape target = Shape.of(resolve(x.shape(), dims));
    // Data is contiguous, so the same array serves both shapes.
    Tensor out = Tensor.result("reshape", x.data(), target, x); // target shape
    return out.onBackward(
        () -> {
          // reshape moves nothing: dx += dOut element by element
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          for (int i = 0; i < dx.length; i++) {
            dx[i] += dOut[i];
          }
        });
  }

  private static int[] resolve(Shape from, int[] dims) {
    int[] out = dims.clone();
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        if (unknown >= 0) { // messages formatted only on failure: reshape is on the hot path
          throw new IllegalArgumentException(
              "reshape: only one dimension may be -1, got " + Checks.dims(dims));
        }
        unknown = i;
      } else {
        if (out[i] < 0) {
          throw new IllegalArgumentException(
              "reshape: invalid dimension " + out[i] + " in " + Checks.dims(dims));
        }
        known *= out[i];
      }
    }
    if (unknown >= 0) {
      if (known <= 0 || from.numel() % known != 0) {
        throw new IllegalArgumentException(
            String.format(
                "reshape: cannot reshape %s (%d elements) into %s",
                from, from.numel(), Checks.dims(dims)));
      }
      out[unknown] = (int) (from.numel() / known);
      known *= out[unknown];
    }
    if (known != from.numel()) {
      throw new IllegalArgumentException(
          String.format(
              "reshape: cannot reshape %s (%d elements) into %s (%d elements)",
              from, from.numel(), Checks.dims(dims), known));
    }
    return out;
  }

  static Tensor transpose(Tensor x, int d0, int d1) {
    int a = x.shape().axis("transpose", d0);
    int b = x.shape().axis("transpose", d1);
    int[] order = new int[x.rank()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    order[a] = b;
    order[b] = a;
    return permute(x, order);
  }

  static Tensor permute(Tensor x, int... order) {
    int rank = x.rank();
    if (order.length != rank) { // messages formatted only on failure: permute is per layer
      throw new IllegalArgumentException(
          String.format(
              "permute: order %s does not match the rank of %s", Checks.dims(order), x.shape()));
    }
    boolean[] seen = new boolean[rank];
    int[] inDims = x.dims();
    int[] inStrides = x.shape().strides();
    int[] outDims = new int[rank];
    int[] stride = new int[rank]; // input stride of each output dimension
    for (int i = 0; i < rank; i++) {
      int d = order[i] < 0 ? order[i] + rank : order[i];
      if (d < 0 || d >= rank || seen[d]) {
        throw new IllegalArgumentException(
            String.format(
                "permute: order %s is not a permutation of the dimensions of %s",
                Checks.dims(order), x.shape()));
      }
      seen[d] = true;
      outDims[i] = inDims[d];
      stride[i] = inStrides[d];
    }
    int[] source = sourceIndex(outDims, stride); // out[i] = x[source[i]]
    float[] xd = x.data();
    float[] o = StepArena.floats(xd.length); // permuted dims
    for (int i = 0; i < o.length; i++) {
      o[i] = xd[source[i]];
    }
    Tensor out = Tensor.result("permute", o, Shape.of(outDims), x);
    return out.onBackward(
        () -> {
          // forward was: out[i] = x[source[i]], so dx[source[i]] += dOut[i]
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          for (int i = 0; i < dOut.length; i++) {
            dx[source[i]] += dOut[i];
          }
        });
  }

  /** For each output element in row-major order, its flat index in the input. */
  private static int[] sourceIndex(int[] outDims, int[] stride) {
    int n = 1;
    for (int d : outDims) {
      n *= d;
    }
    int[] source = new int[n];
    int[] idx = new int[outDims.length];
    int off = 0;
    for (int i = 0; i < n; i++) {
      source[i] = off;
      for (int d = outDims.length - 1; d >= 0; d--) {
        idx[d]++;
        off += stride[d];
        if (idx[d] < outDims[d]) {
          break;
        }
        off -= stride[d] * outDims[d];
        idx[d] = 0;
      }
    }
    return source;
  }

  static Tensor slice(Tensor x, int dim, int start, int end) {
    Shape s = x.shape();
    int d = s.axis("slice", dim);
    int n = s.size(d);
    Checks.check(
        0 <= start && start <= end && end <= n,
        "slice: range [%d, %d) is out of bounds for dimension %d of %s",
        start,
        end,
        dim,
        s);
    int outer = s.outer(d);
    int inner = s.inner(d);
    int len = (end - start) * inner;
    int[] dims = s.dims();
    dims[d] = end - start;
    float[] xd = x.data();
    float[] o = StepArena.floats(outer * len); // dims with dims[d] = end - start
    for (int a = 0; a < outer; a++) {
      System.arraycopy(xd, (a * n + start) * inner, o, a * len, len);
    }
    Tensor out = Tensor.result("slice", o, Shape.of(dims), x);
    return out.onBackward(
        () -> {
          // forward copied x[..., start:end, ...]: dOut goes back to those positions
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          for (int a = 0; a < outer; a++) {
            int base = (a * n + start) * inner;
            for (int j = 0; j < len; j++) {
              dx[base + j] += dOut[a * len + j];
            }
          }
        });
  }

  static Tensor cat(int dim, Tensor... parts) {
    Checks.check(parts.length > 0, "cat: expected at least one tensor, got none");
    Shape first = parts[0].shape();
    int d = first.axis("cat", dim);
    int total = checkCat(dim, d, parts);
    int outer = first.outer(d);
    int inner = first.inner(d);
    int[] dims = first.dims();
    dims[d] = total;
    float[] o = StepArena.floats(outer * total * inner); // dims with dims[d] = total
    int[] offsets = new int[parts.length]; // start of each part along dim
    for (int p = 0, at = 0; p < parts.length; p++) {
      offsets[p] = at;
      int len = parts[p].size(d) * inner;
      for (int a = 0; a < outer; a++) {
        System.arraycopy(parts[p].data(), a * len, o, (a * total + at) * inner, len);
      }
      at += parts[p].size(d);
    }
    Tensor out = Tensor.result("cat", o, Shape.of(dims), parts);
    return out.onBackward(
        () -> {
          // each part receives the slice of dOut it was copied to
          float[] dOut = out.grad();
          for (int p = 0; p < parts.length; p++) {
            if (!parts[p].requiresGrad()) {
              continue;
            }
            float[] dx = parts[p].gradOrZeros();
            int len = parts[p].size(d) * inner;
            for (int a = 0; a < outer; a++) {
              int base = (a * total + offsets[p]) * inner;
              for (int j = 0; j < len; j++) {
                dx[a * len + j] += dOut[base + j];
              }
            }
          }
        });
  }

  /** The summed length along d, after checking that the parts agree on every other dimension. */
  private static int checkCat(int dim, int d, Tensor[] parts) {
    Shape first = parts[0].shape();
    int total = 0;
    for (int p = 0; p < parts.length; p++) {
      Shape s = parts[p].shape();
      boolean same = s.rank() == first.rank();
      for (int i = 0; same && i < s.rank(); i++) {
        same = i == d || s.dimsView()[i] == first.dimsView()[i];
      }
      Checks.check(
          same,
          "cat: shapes differ outside dimension %d: part 0 is %s, part %d is %s",
          dim,
          first,
          p,
          s);
      total += s.size(d);
    }
    return total;
  }

  static Tensor[] split(Tensor x, int dim, int... sizes) {
    int d = x.shape().axis("split", dim);
    int sum = 0;
    for (int size : sizes) {
      Checks.check(size >= 0, "split: sizes must be non-negative, got %s", Checks.dims(sizes));
      sum += size;
    }
    Checks.check(
        sum == x.size(d),
        "split: sizes %s add up to %d but dimension %d of %s has %d",
        Checks.dims(sizes),
        sum,
        dim,
        x.shape(),
        x.size(d));
    Tensor[] parts = new Tensor[sizes.length];
    for (int p = 0, at = 0; p < sizes.length; p++) {
      parts[p] = slice(x, d, at, at + sizes[p]); // dims with dims[d] = sizes[p]
      at += sizes[p];
    }
    return parts;
  }
}
