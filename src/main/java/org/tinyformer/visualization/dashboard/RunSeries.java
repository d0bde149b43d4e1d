package org.tinyformer.visualization.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart series of one run, ready to draw: every numeric field of its {@code train} records
 * ({@code train.loss}, {@code train.lr}, ...) and {@code eval} records ({@code eval.val_loss},
 * {@code eval.val_perplexity}, ...) and {@code accuracy} records of task runs ({@code
 * accuracy.exact_match}, ...) against the chosen x axis, downsampled to at most {@code maxPoints}.
 * Smoothing is the browser's (an EMA over the points served), so that an exported report smooths
 * offline exactly as the live page does.
 */
final class RunSeries {
  /** The x axes: optimizer steps, training tokens, training FLOPs, wall seconds. */
  static final List<String> AXES = List.of("step", "tokens", "flops", "time");

  /** The largest {@code points} a request may ask for, and the default. */
  static final int MAX_POINTS = 5000;

  static final int DEFAULT_POINTS = 2000;

  private static final Set<String> NOT_SERIES =
      Set.of("step", "tokens", "elapsed", "examples", "problems");

  private RunSeries() {}

  /**
   * The series of {@code log}; {@code flopsPerToken} is null when the run has no checkpoint yet
   * (the {@code flops} axis then has no points).
   */
  static Map<String, Map<String, Object>> of(
      RunLog log, String axis, Long flopsPerToken, int maxPoints) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    synchronized (log) {
      for (String type : List.of("train", "eval", "accuracy")) {
        LogTable table = log.table(type);
        if (table == null) {
          continue;
        }
        double[] x = xValues(table, axis, flopsPerToken);
        for (String field : table.numberFields()) {
          if (!NOT_SERIES.contains(field)) {
            out.put(type + "." + field, series(x, table.column(field), table.rows(), maxPoints));
          }
        }
      }
    }
    return out;
  }

  private static double[] xValues(LogTable table, String axis, Long flopsPerToken) {
    int n = table.rows();
    double[] x = new double[n];
    double[] column =
        switch (axis) {
          case "step" -> table.column("step");
          case "tokens", "flops" -> table.column("tokens");
          case "time" -> table.column("elapsed");
          default ->
              throw new IllegalArgumentException(
                  "series: x must be one of " + String.join(", ", AXES) + ", got '" + axis + "'");
        };
    double scale = axis.equals("flops") ? (flopsPerToken == null ? Double.NaN : flopsPerToken) : 1;
    for (int i = 0; i < n; i++) {
      x[i] = column == null ? Double.NaN : column[i] * scale;
    }
    return x;
  }

  private static Map<String, Object> series(double[] x, double[] y, int n, int maxPoints) {
    double[] keptX = new double[n];
    double[] keptY = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        keptX[k] = x[i];
        keptY[k++] = y[i];
      }
    }
    Downsample d = Downsample.of(keptX, keptY, k, maxPoints);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("x", d.x());
    s.put("y", d.y());
    return s;
  }
}
