package org.tinyformer.tensor;

import org.tinyformer.autograd.GradMode;
import org.tinyformer.kernels.elementwise.ElementwiseKernel;
import org.tinyformer.kernels.elementwise.GeluKernel;
import org.tinyformer.kernels.elementwise.SiluKernel;

/**
 * Elementwise operations of one tensor: scalar add and multiply, pow, exp, log, sqrt, tanh, and the
 * activations ReLU, GELU (tanh form, as in GPT-2) and SiLU, on the {@code kernels} loops. Output
 * and local derivative are side by side; backward accumulates {@code dx += f'(x) * dOut}.
 */
final class UnaryOps {
  private UnaryOps() {}

  static Tensor add(Tensor x, float s) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.addScalar(o, x.data(), s, n);
    Tensor out = Tensor.result("add", o, x.shape(), x);
    // d(x+s)/dx = 1
    return out.onBackward(() -> ElementwiseKernel.axpy(x.gradOrZeros(), 1f, out.grad(), n));
  }

  static Tensor mul(Tensor x, float s) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.scale(o, x.data(), s, n);
    Tensor out = Tensor.result(s == -1f ? "neg" : "mul", o, x.shape(), x);
    // d(x*s)/dx = s
    return out.onBackward(() -> ElementwiseKernel.axpy(x.gradOrZeros(), s, out.grad(), n));
  }

  static Tensor pow(Tensor x, float p) {
    float[] xd = x.data();
    float[] o = StepArena.floats(xd.length); // same shape as x
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) Math.pow(xd[i], p);
    }
    Tensor out = Tensor.result("pow", o, x.shape(), x);
    return out.onBackward(
        () -> {
          // d(x^p)/dx = p * x^(p-1)
          float[] dx = x.gradOrZeros();
          float[] dOut = out.grad();
          for (int i = 0; i < dx.length; i++) {
            dx[i] += p * (float) Math.pow(xd[i], p - 1) * dOut[i];
          }
        });
  }

  static Tensor exp(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.exp(o, x.data(), n);
    Tensor out = Tensor.result("exp", o, x.shape(), x);
    // d(exp x)/dx = exp x = out
    return out.onBackward(() -> ElementwiseKernel.addProduct(x.gradOrZeros(), o, out.grad(), n));
  }

  static Tensor log(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.log(o, x.data(), n);
    Tensor out = Tensor.result("log", o, x.shape(), x);
    return out.onBackward(
        () -> {
          // d(log x)/dx = 1/x
          float[] xd = x.data();
          float[] dx = x.gradOrZeros();
          float[] dOut = out.grad();
          for (int i = 0; i < n; i++) {
            dx[i] += dOut[i] / xd[i];
          }
        });
  }

  static Tensor sqrt(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.sqrt(o, x.data(), n);
    Tensor out = Tensor.result("sqrt", o, x.shape(), x);
    return out.onBackward(
        () -> {
          // d(sqrt x)/dx = 1 / (2 sqrt x) = 0.5 / out
          float[] dx = x.gradOrZeros();
          float[] dOut = out.grad();
          for (int i = 0; i < n; i++) {
            dx[i] += 0.5f * dOut[i] / o[i];
          }
        });
  }

  static Tensor tanh(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.tanh(o, x.data(), n);
    Tensor out = Tensor.result("tanh", o, x.shape(), x);
    // d(tanh x)/dx = 1 - tanh^2 x = 1 - out^2
    return out.onBackward(() -> ElementwiseKernel.tanhBackward(x.gradOrZeros(), o, out.grad(), n));
  }

  static Tensor relu(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    ElementwiseKernel.relu(o, x.data(), n);
    Tensor out = Tensor.result("relu", o, x.shape(), x);
    // d(relu x)/dx = [x > 0]
    return out.onBackward(
        () -> ElementwiseKernel.reluBackward(x.gradOrZeros(), x.data(), out.grad(), n));
  }

  /** gelu(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  static Tensor gelu(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floatsToOverwrite(n); // same shape as x
    if (!GradMode.isEnabled() || !x.requiresGrad()) {
      GeluKernel.forward(o, x.data(), n);
      return Tensor.result("gelu", o, x.shape(), x);
    }
    // d gelu/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2), computed here
    // with the forward's tanh, so the backward is one fused multiply-add, dx += gelu'(x) * dout:
    // the same operations as GeluKernel.backward, which computes the tanh a second time.
    float[] derivative = StepArena.floatsToOverwrite(n); // same shape as x
    GeluKernel.forwardWithDerivative(o, derivative, x.data(), n);
    Tensor out = Tensor.result("gelu", o, x.shape(), x);
    return out.onBackward(
        () -> ElementwiseKernel.addProduct(x.gradOrZeros(), derivative, out.grad(), n));
  }

  /** silu(x) = x * sigmoid(x). */
  static Tensor silu(Tensor x) {
    int n = x.numel();
    float[] o = StepArena.floats(n); // same shape as x
    SiluKernel.forward(o, x.data(), n);
    Tensor out = Tensor.result("silu", o, x.shape(), x);
    // d(x s)/dx = s + x s (1 - s), s = sigmoid(x)
    return out.onBackward(() -> SiluKernel.backward(x.gradOrZeros(), x.data(), out.grad(), n));
  }
}
