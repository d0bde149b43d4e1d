package org.tinyformer.models.handwritten;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tensor.Tensor;

/**
 * Compares two language models with the same parameter names on one batch: loss, logits and, per
 * parameter, the largest absolute gradient difference and that difference relative to the largest
 * gradient magnitude of the parameter (so a tensor of tiny gradients is judged on its own scale).
 *
 * <p>{@code GradientDiff.compare(handwritten, autograd, inputs, targets, B, T).table()}
 */
public final class GradientDiff {
  /** One parameter's comparison. */
  public record Row(String name, int numel, double maxAbs, double maxRelative) {
    /** PASS when the relative difference is within {@code tolerance}. */
    public boolean passes(double tolerance) {
      return maxRelative <= tolerance;
    }
  }

  private final double lossDifference;
  private final double maxLogitDifference;
  private final List<Row> rows;

  private GradientDiff(double lossDifference, double maxLogitDifference, List<Row> rows) {
    this.lossDifference = lossDifference;
    this.maxLogitDifference = maxLogitDifference;
    this.rows = rows;
  }

  /** Runs forward and backward on both models (gradients zeroed first) and compares. */
  public static GradientDiff compare(
      LanguageModel a, LanguageModel b, int[] inputs, int[] targets, int B, int T) {
    Map<String, Tensor> pa = a.parameters();
    Map<String, Tensor> pb = b.parameters();
    Checks.check(
        pa.keySet().equals(pb.keySet()),
        "gradient diff: the models have different parameters: %s vs %s",
        pa.keySet(),
        pb.keySet());
    double logitDiff = maxAbsDifference(a.logits(inputs, B, T), b.logits(inputs, B, T));
    pa.values().forEach(Tensor::zeroGrad);
    pb.values().forEach(Tensor::zeroGrad);
    float lossA = a.forwardBackward(inputs, targets, B, T);
    float lossB = b.forwardBackward(inputs, targets, B, T);
    List<Row> rows = new ArrayList<>();
    for (String name : pa.keySet()) {
      float[] ga = pa.get(name).grad();
      float[] gb = pb.get(name).grad();
      double diff = maxAbsDifference(ga, gb);
      double scale = Math.max(maxAbs(gb), 1e-30);
      rows.add(new Row(name, ga.length, diff, diff / scale));
    }
    return new GradientDiff(Math.abs(lossA - lossB), logitDiff, rows);
  }

  public double lossDifference() {
    return lossDifference;
  }

  public double maxLogitDifference() {
    return maxLogitDifference;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The parameters whose relative difference exceeds {@code tolerance}. */
  public List<String> failures(double tolerance) {
    return rows.stream().filter(r -> !r.passes(tolerance)).map(Row::name).toList();
  }

  /** A table: parameter, elements, max abs difference, max relative difference. */
  public String table() {
    return table(1e-5);
  }

  /** The table with PASS/FAIL against {@code tolerance}. */
  public String table(double tolerance) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%-28s %9s %12s %12s  %s%n", "parameter", "elements", "max abs", "max rel", ""));
    for (Row r : rows) {
      sb.append(
          String.format(
              "%-28s %9d %12.3e %12.3e  %s%n",
              r.name(),
              r.numel(),
              r.maxAbs(),
              r.maxRelative(),
              r.passes(tolerance) ? "PASS" : "FAIL"));
    }
    sb.append(
        String.format(
            "loss difference %.3e, max logit difference %.3e%n",
            lossDifference, maxLogitDifference));
    return sb.toString();
  }

  private static double maxAbsDifference(float[] x, float[] y) {
    double m = 0;
    for (int i = 0; i < x.length; i++) {
      m = Math.max(m, Math.abs((double) x[i] - y[i]));
    }
    return m;
  }

  private static double maxAbs(float[] x) {
    double m = 0;
    for (float v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
