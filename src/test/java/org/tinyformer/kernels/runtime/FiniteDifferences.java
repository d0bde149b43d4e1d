package org.tinyformer.kernels.runtime;

import java.util.function.ToDoubleFunction;

/**
 * Central-difference gradients in double precision, the reference for every kernel backward: the
 * test writes its forward in double, {@code loss(x) = sum(dout * f(x))}, and compares the float
 * kernel's backward with {@link #gradient}. Usage: {@code double[] g = gradient(x, loss)}.
 */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /** Step size: small enough for the truncation error, large enough for double round-off. */
  public static final double H = 1e-5;

  /** d loss / d x by {@code (loss(x + h) - loss(x - h)) / 2h}, one coordinate at a time. */
  public static double[] gradient(double[] x, ToDoubleFunction<double[]> loss) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double saved = x[i];
      x[i] = saved + H;
      double plus = loss.applyAsDouble(x);
      x[i] = saved - H;
      double minus = loss.applyAsDouble(x);
      x[i] = saved;
      g[i] = (plus - minus) / (2 * H);
    }
    return g;
  }

  /** {@code sum(w * y)}: projects a vector output to the scalar whose gradient is checked. */
  public static double dot(double[] w, double[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += w[i] * y[i];
    }
    return s;
  }

  public static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  public static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
