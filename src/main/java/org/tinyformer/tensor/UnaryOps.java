package org.tinyformer.tensor;

/**
 * Elementwise operations of one tensor: scalar add and multiply, pow, exp, log, sqrt, tanh, and the
 * activations ReLU, GELU (tanh form, as in GPT-2) and SiLU. Output and local derivative are side by
 * side; backward accumulates {@code dx += f'(x) * dOut}.
 */
final class UnaryOps {
  private UnaryOps() {}

  private static final float GELU_SCALE = (float) Math.sqrt(2.0 / Math.PI);

  static Tensor add(Tensor x, float s) {
    float[] xd = x.data();
    float[] o = new float[xd.length]; // same shape as x
    for (int i = 0; i < o.length; i++) {
      o[i] = xd[i] + s;
    }
    Tensor out = Tensor.result("add", o, x.shape(), x);
    // d(x+s)/dx = 1
    return out.onBackward(() -> chain(x, out, null, 1f));
  }

  static Tensor mul(Tensor x, float s) {
    float[] xd = x.data();
    float[] o = new float[xd.length]; // same shape as x
    for (int i = 0; i < o.length; i++) {
      o[i] = xd[i] * s;
    }
    Tensor out = Tensor.result(s == -1f ? "neg" : "mul", o, x.shape(), x);
    // d(x*s)/dx = s
    return out.onBackward(() -> chain(x, out, null, s));
  }

  static Tensor pow(Tensor x, float p) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) Math.pow(xd[i], p);
      local[i] = p * (float) Math.pow(xd[i], p - 1); // d(x^p)/dx = p * x^(p-1)
    }
    Tensor out = Tensor.result("pow", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  static Tensor exp(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) Math.exp(xd[i]);
    }
    Tensor out = Tensor.result("exp", o, x.shape(), x);
    // d(exp x)/dx = exp x = out
    return out.onBackward(() -> chain(x, out, o, 1f));
  }

  static Tensor log(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) Math.log(xd[i]);
      local[i] = 1f / xd[i]; // d(log x)/dx = 1/x
    }
    Tensor out = Tensor.result("log", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  static Tensor sqrt(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) Math.sqrt(xd[i]);
      local[i] = 0.5f / o[i]; // d(sqrt x)/dx = 1 / (2 sqrt x)
    }
    Tensor out = Tensor.result("sqrt", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  static Tensor tanh(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = (float) Math.tanh(xd[i]);
      local[i] = 1f - o[i] * o[i]; // d(tanh x)/dx = 1 - tanh^2 x
    }
    Tensor out = Tensor.result("tanh", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  static Tensor relu(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = Math.max(xd[i], 0f);
      local[i] = xd[i] > 0f ? 1f : 0f; // d(relu x)/dx = [x > 0]
    }
    Tensor out = Tensor.result("relu", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  /** gelu(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  static Tensor gelu(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      float v = xd[i];
      float u = GELU_SCALE * (v + 0.044715f * v * v * v);
      float t = (float) Math.tanh(u);
      o[i] = 0.5f * v * (1f + t);
      // d/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2)
      local[i] = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * GELU_SCALE * (1f + 0.134145f * v * v);
    }
    Tensor out = Tensor.result("gelu", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  /** silu(x) = x * sigmoid(x). */
  static Tensor silu(Tensor x) {
    float[] xd = x.data();
    float[] o = new float[xd.length];
    float[] local = new float[xd.length];
    for (int i = 0; i < o.length; i++) {
      float s = 1f / (1f + (float) Math.exp(-xd[i]));
      o[i] = xd[i] * s;
      local[i] = s * (1f + xd[i] * (1f - s)); // d(x s)/dx = s + x s (1 - s)
    }
    Tensor out = Tensor.result("silu", o, x.shape(), x);
    return out.onBackward(() -> chain(x, out, local, 1f));
  }

  /** {@code dx += scale * local * dOut} (a null local means 1). */
  private static void chain(Tensor x, Tensor out, float[] local, float scale) {
    float[] dOut = out.grad();
    float[] dx = x.gradOrZeros();
    if (local == null) {
      for (int i = 0; i < dx.length; i++) {
        dx[i] += scale * dOut[i];
      }
    } else {
      for (int i = 0; i < dx.length; i++) {
        dx[i] += scale * local[i] * dOut[i];
      }
    }
  }
}
