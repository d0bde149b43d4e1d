package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.kernels.gemm.Bf16;

/**
 * Mixed-precision linear: the float32 linear of the bf16-rounded inputs forward, and backward the
 * float32 products of the rounded output gradient with the rounded inputs.
 */
class LinearBf16Test {
  private static Tensor rounded(Tensor t) {
    float[] r = new float[t.numel()];
    Bf16.round(r, t.data(), 0, r.length);
    return Tensor.of(r, t.dims());
  }

  @Test
  void forwardAndBackwardAreTheFloatOpsOnRoundedInputs() {
    Rng rng = new Rng(5);
    Tensor x = Tensor.randn(rng, 1f, 3, 4, 20).requiresGrad(true); // (B, T, C)
    Tensor w = Tensor.randn(rng, 0.3f, 12, 20).requiresGrad(true); // (OC, C)
    Tensor b = Tensor.randn(rng, 0.1f, 12).requiresGrad(true); // (OC)
    Tensor upstream = Tensor.randn(rng, 1f, 3, 4, 12); // dy before rounding
    Tensor y = Functional.linearBf16(x, w, b); // (B, T, OC)
    y.mul(upstream).sum().backward();

    Tensor xr = rounded(x).requiresGrad(true);
    Tensor wr = rounded(w).requiresGrad(true);
    Tensor br = Tensor.of(b.data().clone(), 12).requiresGrad(true);
    Tensor yr = Functional.linear(xr, wr, br); // (B, T, OC)
    assertThat(y.data()).containsExactly(yr.data());
    yr.mul(rounded(upstream)).sum().backward(); // the backward GEMMs see bf16 dy
    assertThat(x.grad()).containsExactly(xr.grad());
    assertThat(w.grad()).containsExactly(wr.grad());
    float[] db = new float[12]; // the bias gradient sums the float32 dy
    for (int r = 0; r < 12; r++) {
      for (int o = 0; o < 12; o++) {
        db[o] += upstream.data()[r * 12 + o];
      }
    }
    for (int o = 0; o < 12; o++) {
      assertThat(b.grad()[o]).isCloseTo(db[o], org.assertj.core.api.Assertions.within(1e-5f));
    }
    assertThat(y.data()).isNotEqualTo(Functional.linear(x, w, b).data()); // rounding is real
  }
}
