package org.tinyformer.tensor;

import org.tinyformer.kernels.elementwise.ElementwiseKernel;

/**
 * Binary elementwise operations with numpy broadcasting: add, sub, mul, div and masked fill. Each
 * computes its output and, right beside it, its local chain rule; the gradient of a broadcast
 * operand is summed over the dimensions it was broadcast along.
 */
final class ElementwiseOps {
  private ElementwiseOps() {}

  private enum Kind {
    ADD,
    SUB,
    MUL,
    DIV
  }

  static Tensor add(Tensor a, Tensor b) {
    Broadcast p = Broadcast.of("add", a.shape(), b.shape());
    Tensor out = binary("add", Kind.ADD, p, a, b); // broadcast(a, b)
    return out.onBackward(
        () -> {
          // d(a+b)/da = dOut ; d(a+b)/db = dOut
          accumulate(p, a, b, out.grad(), 1f, null, 1f, null);
        });
  }

  static Tensor sub(Tensor a, Tensor b) {
    Broadcast p = Broadcast.of("sub", a.shape(), b.shape());
    Tensor out = binary("sub", Kind.SUB, p, a, b); // broadcast(a, b)
    return out.onBackward(
        () -> {
          // d(a-b)/da = dOut ; d(a-b)/db = -dOut
          accumulate(p, a, b, out.grad(), 1f, null, -1f, null);
        });
  }

  static Tensor mul(Tensor a, Tensor b) {
    Broadcast p = Broadcast.of("mul", a.shape(), b.shape());
    Tensor out = binary("mul", Kind.MUL, p, a, b); // broadcast(a, b)
    return out.onBackward(
        () -> {
          // d(a*b)/da = b * dOut ; d(a*b)/db = a * dOut
          accumulate(p, a, b, out.grad(), 1f, b.data(), 1f, a.data());
        });
  }

  static Tensor div(Tensor a, Tensor b) {
    Broadcast p = Broadcast.of("div", a.shape(), b.shape());
    Tensor out = binary("div", Kind.DIV, p, a, b); // broadcast(a, b)
    return out.onBackward(
        () -> {
          // d(a/b)/da = dOut / b ; d(a/b)/db = -dOut * a / b^2 = -dOut * out / b
          float[] dOut = out.grad();
          float[] bd = b.data();
          float[] o = out.data();
          if (a.requiresGrad()) {
            float[] da = a.gradOrZeros();
            forEach(p, (i, ia, ib) -> da[ia] += dOut[i] / bd[ib]);
          }
          if (b.requiresGrad()) {
            float[] db = b.gradOrZeros();
            forEach(p, (i, ia, ib) -> db[ib] -= dOut[i] * o[i] / bd[ib]);
          }
        });
  }

  /** {@code out = mask != 0 ? value : x}, with the mask broadcast to x's shape. */
  static Tensor maskedFill(Tensor x, Tensor mask, float value) {
    Broadcast p = Broadcast.of("maskedFill", x.shape(), mask.shape());
    org.tinyformer.base.Checks.check(
        p.out.equals(x.shape()),
        "maskedFill: mask must broadcast to the input's shape: input is %s, mask is %s",
        x.shape(),
        mask.shape());
    float[] xd = x.data();
    float[] md = mask.data();
    float[] o = StepArena.floats(p.out.numel()); // same shape as x
    forEach(p, (i, ix, im) -> o[i] = md[im] != 0f ? value : xd[ix]);
    Tensor out = Tensor.result("maskedFill", o, p.out, x);
    return out.onBackward(
        () -> {
          // d(out)/dx = dOut where the mask is zero, else 0
          float[] dOut = out.grad();
          float[] dx = x.gradOrZeros();
          forEach(p, (i, ix, im) -> dx[ix] += md[im] != 0f ? 0f : dOut[i]);
        });
  }

  private static Tensor binary(String name, Kind kind, Broadcast p, Tensor a, Tensor b) {
    float[] o = StepArena.floatsToOverwrite(p.out.numel()); // broadcast(a, b)
    float[] ad = a.data();
    float[] bd = b.data();
    int n = p.inner;
    for (int r = 0; r < p.rows; r++) {
      int oa = p.offA[r];
      int ob = p.offB[r];
      int oo = r * n;
      if (p.strideA == 1 && p.strideB == 1) { // both contiguous along the row: vector kernels
        switch (kind) {
          case ADD -> ElementwiseKernel.add(o, oo, ad, oa, bd, ob, n);
          case SUB -> ElementwiseKernel.sub(o, oo, ad, oa, bd, ob, n);
          case MUL -> ElementwiseKernel.mul(o, oo, ad, oa, bd, ob, n);
          case DIV -> ElementwiseKernel.div(o, oo, ad, oa, bd, ob, n);
        }
      } else { // one operand repeats a single value along the row
        for (int j = 0; j < n; j++) {
          o[oo + j] = apply(kind, ad[oa + j * p.strideA], bd[ob + j * p.strideB]);
        }
      }
    }
    return Tensor.result(name, o, p.out, a, b);
  }

  private static float apply(Kind kind, float x, float y) {
    return switch (kind) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
    };
  }

  /**
   * {@code da += ca * dOut * fa} and {@code db += cb * dOut * fb} (a null factor means 1), each
   * summed over the dimensions its operand was broadcast along.
   */
  private static void accumulate(
      Broadcast p, Tensor a, Tensor b, float[] dOut, float ca, float[] fa, float cb, float[] fb) {
    if (a.shape().equals(p.out) && b.shape().equals(p.out)) { // no broadcasting: whole arrays
      int n = dOut.length;
      if (a.requiresGrad()) {
        if (fa == null) {
          ElementwiseKernel.axpy(a.gradOrZeros(), ca, dOut, n);
        } else {
          ElementwiseKernel.addProduct(a.gradOrZeros(), fa, dOut, n); // ca is 1 here
        }
      }
      if (b.requiresGrad()) {
        if (fb == null) {
          ElementwiseKernel.axpy(b.gradOrZeros(), cb, dOut, n);
        } else {
          ElementwiseKernel.addProduct(b.gradOrZeros(), fb, dOut, n); // cb is 1 here
        }
      }
      return;
    }
    if (a.requiresGrad()) {
      float[] da = a.gradOrZeros();
      if (fa == null) {
        forEach(p, (i, ia, ib) -> da[ia] += ca * dOut[i]);
      } else {
        forEach(p, (i, ia, ib) -> da[ia] += ca * dOut[i] * fa[ib]);
      }
    }
    if (b.requiresGrad()) {
      float[] db = b.gradOrZeros();
      if (fb == null) {
        forEach(p, (i, ia, ib) -> db[ib] += cb * dOut[i]);
      } else {
        forEach(p, (i, ia, ib) -> db[ib] += cb * dOut[i] * fb[ia]);
      }
    }
  }

  /** A visitor of (output index, index into a, index into b). */
  interface Visitor {
    void visit(int i, int ia, int ib);
  }

  /** Visits every output element with the matching element of each operand. */
  static void forEach(Broadcast p, Visitor v) {
    int n = p.inner;
    for (int r = 0; r < p.rows; r++) {
      int oa = p.offA[r];
      int ob = p.offB[r];
      int oo = r * n;
      for (int j = 0; j < n; j++) {
        v.visit(oo + j, oa + j * p.strideA, ob + j * p.strideB);
      }
    }
  }
}
