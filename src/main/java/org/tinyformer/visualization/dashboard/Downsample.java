package org.tinyformer.visualization.dashboard;

import java.util.Arrays;

/**
 * Min/max bucket downsampling for line charts: the points are cut into {@code maxPoints / 2}
 * consecutive buckets and each bucket keeps its lowest and its highest point, in x order, so spikes
 * survive (averaging would hide a divergence). Series of at most {@code maxPoints} come back as
 * they are.
 *
 * @param x the kept x values (n)
 * @param y the kept y values (n)
 */
record Downsample(double[] x, double[] y) {

  /**
   * Downsamples the first {@code n} points of ({@code x}, {@code y}) to at most {@code maxPoints}.
   */
  static Downsample of(double[] x, double[] y, int n, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("downsample: maxPoints must be >= 2, got " + maxPoints);
    }
    if (n <= maxPoints) {
      return new Downsample(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }
    int buckets = maxPoints / 2;
    double[] outX = new double[buckets * 2];
    double[] outY = new double[buckets * 2];
    int k = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) n * b / buckets);
      int to = (int) ((long) n * (b + 1) / buckets);
      int lo = from;
      int hi = from;
      for (int i = from + 1; i < to; i++) {
        if (y[i] < y[lo]) {
          lo = i;
        }
        if (y[i] > y[hi]) {
          hi = i;
        }
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      outX[k] = x[first];
      outY[k++] = y[first];
      if (second != first) {
        outX[k] = x[second];
        outY[k++] = y[second];
      }
    }
    return new Downsample(Arrays.copyOf(outX, k), Arrays.copyOf(outY, k));
  }
}
