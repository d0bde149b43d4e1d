package org.tinyformer.tensor;

import static org.assertj.core.api.Assertions.fail;

import java.util.function.Function;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Rng;

/**
 * Gradient check by central differences: for a random weighting W of the output, compares the
 * autograd gradient of {@code sum(W * f(inputs))} with {@code (L(x + h) - L(x - h)) / 2h}, where L
 * is accumulated in double precision. Usage: {@code GradCheck.check("mul", in -> in[0].mul(in[1]),
 * a, b)}.
 */
final class GradCheck {
  private GradCheck() {}

  static final double H = 1e-2;
  static final double ABS_TOL = 2e-3;
  static final double REL_TOL = 2e-2;

  /** Checks every input; returns the largest error relative to max(1, |grad|). */
  static double check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
    for (Tensor t : inputs) {
      t.requiresGrad(true);
      t.zeroGrad();
    }
    Tensor out = f.apply(inputs);
    Rng rng = new Rng(name.hashCode());
    float[] w = new float[out.numel()]; // same shape as out
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextGaussian();
    }
    out.backward(Tensor.of(w, out.dims()));
    double worst = 0;
    for (int k = 0; k < inputs.length; k++) {
      float[] x = inputs[k].data();
      float[] analytic = inputs[k].grad();
      for (int i = 0; i < x.length; i++) {
        float saved = x[i];
        x[i] = (float) (saved + H);
        double plus = weighted(f, inputs, w);
        x[i] = (float) (saved - H);
        double minus = weighted(f, inputs, w);
        x[i] = saved;
        double numeric = (plus - minus) / (2 * H);
        double err = Math.abs(numeric - analytic[i]);
        worst = Math.max(worst, err / Math.max(1, Math.abs(numeric)));
        if (err > ABS_TOL + REL_TOL * Math.abs(numeric)) {
          fail(
              "%s: gradient of input %d (%s) at flat index %d: autograd %s, finite differences %s",
              name, k, inputs[k].shape(), i, analytic[i], numeric);
        }
      }
    }
    return worst;
  }

  private static double weighted(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] w) {
    try (var s = GradMode.noGrad()) {
      float[] o = f.apply(inputs).data();
      double acc = 0;
      for (int i = 0; i < o.length; i++) {
        acc += (double) w[i] * o[i];
      }
      return acc;
    }
  }

  /** Normal values with standard deviation 1, seeded by the shape. */
  static Tensor randn(long seed, int... dims) {
    return Tensor.randn(new Rng(seed), 1f, dims);
  }

  /** Uniform values in [low, high). */
  static Tensor uniform(long seed, float low, float high, int... dims) {
    return Tensor.uniform(new Rng(seed), low, high, dims);
  }

  /** A shuffle of 0, 0.1, 0.2, ...: no two values within the step h, so max has no near ties. */
  static Tensor distinct(long seed, int... dims) {
    Tensor t = Tensor.zeros(dims);
    float[] d = t.data();
    Rng rng = new Rng(seed);
    for (int i = 0; i < d.length; i++) {
      d[i] = 0.1f * i;
    }
    for (int i = d.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float tmp = d[i];
      d[i] = d[j];
      d[j] = tmp;
    }
    return t;
  }
}
