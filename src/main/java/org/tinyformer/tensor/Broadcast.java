package org.tinyformer.tensor;

import org.tinyformer.base.Checks;

/**
 * The plan for a binary operation under numpy broadcasting rules: the output shape, and the output
 * walked as {@code rows} of {@code inner} contiguous elements, where row {@code r} reads operand a
 * from {@code offA[r]} with step {@code strideA} (0 or 1) and b likewise. Adjacent dimensions that
 * broadcast the same way are merged first, so {@code (B, T, C) + (C,)} is {@code B*T} rows of C.
 */
final class Broadcast {
  final Shape out;
  final int rows;
  final int inner;
  final int strideA;
  final int strideB;
  final int[] offA; // (rows)
  final int[] offB; // (rows)

  private Broadcast(Shape out, int inner, int strideA, int strideB, int[] offA, int[] offB) {
    this.out = out;
    this.rows = offA.length;
    this.inner = inner;
    this.strideA = strideA;
    this.strideB = strideB;
    this.offA = offA;
    this.offB = offB;
  }

  /** The output shape of broadcasting {@code a} with {@code b}, or an error naming {@code op}. */
  static Shape shape(String op, Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = dim(a, i - rank + a.rank());
      int db = dim(b, i - rank + b.rank());
      Checks.check(
          da == db || da == 1 || db == 1,
          "%s: shapes do not broadcast: a is %s, b is %s",
          op,
          a,
          b);
      out[i] = da == 1 ? db : da;
    }
    return Shape.of(out);
  }

  private static int dim(Shape s, int i) {
    return i < 0 ? 1 : s.dimsView()[i];
  }

  /** Plans {@code a op b}. */
  static Broadcast of(String op, Shape a, Shape b) {
    Shape out = shape(op, a, b);
    int rank = out.rank();
    int[] size = out.dims();
    int[] sa = alignedStrides(a, size);
    int[] sb = alignedStrides(b, size);
    // Drop size-1 dimensions, then merge a dimension into the previous one when both operands
    // step through the pair as through one dimension (contiguous, or broadcast in both).
    int[] cs = new int[rank + 1];
    int[] ca = new int[rank + 1];
    int[] cb = new int[rank + 1];
    int n = 0;
    for (int i = 0; i < rank; i++) {
      if (size[i] == 1) {
        continue;
      }
      if (n > 0 && ca[n - 1] == sa[i] * size[i] && cb[n - 1] == sb[i] * size[i]) {
        cs[n - 1] *= size[i];
      } else {
        cs[n] = size[i];
        n++;
      }
      ca[n - 1] = sa[i];
      cb[n - 1] = sb[i];
    }
    if (n == 0) { // every dimension is 1: one element
      cs[0] = 1;
      n = 1;
    }
    return fromCoalesced(out, n, cs, ca, cb);
  }

  private static int[] alignedStrides(Shape s, int[] outSize) {
    int rank = outSize.length;
    int[] strides = new int[rank];
    int[] own = s.strides();
    for (int i = 0; i < s.rank(); i++) {
      int j = i + rank - s.rank();
      strides[j] = s.dimsView()[i] == 1 ? 0 : own[i];
    }
    return strides;
  }

  private static Broadcast fromCoalesced(Shape out, int n, int[] size, int[] sa, int[] sb) {
    int inner = size[n - 1];
    int rows = inner == 0 ? 0 : out.numel() / inner;
    int[] offA = new int[rows];
    int[] offB = new int[rows];
    int[] idx = new int[n];
    int oa = 0;
    int ob = 0;
    for (int r = 0; r < rows; r++) {
      offA[r] = oa;
      offB[r] = ob;
      // odometer over the outer (coalesced) dimensions 0 .. n-2
      for (int d = n - 2; d >= 0; d--) {
        idx[d]++;
        oa += sa[d];
        ob += sb[d];
        if (idx[d] < size[d]) {
          break;
        }
        oa -= sa[d] * size[d];
        ob -= sb[d] * size[d];
        idx[d] = 0;
      }
    }
    return new Broadcast(out, inner, sa[n - 1], sb[n - 1], offA, offB);
  }
}
