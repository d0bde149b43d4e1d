package org.tinyformer.data.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tinyformer.base.Checks;

/**
 * Accuracy of predicted sequences against expected ones (both without START/END). Token accuracy:
 * matching positions over expected tokens (a missing token counts wrong, extra ones are ignored);
 * exact: whole sequences equal; per position: token accuracy at each position over the examples
 * that long. Usage: {@code TaskMetrics.score(predicted, expected).exact()}.
 */
public final class TaskMetrics {
  /** The three metrics over {@code count} examples. */
  public record Score(double token, double exact, double[] perPosition, int count) {
    /** {@code token 97.5% exact 91.2% (n=500)}. */
    public String summary() {
      return String.format("token %.1f%%  exact %.1f%%  (n=%d)", 100 * token, 100 * exact, count);
    }
  }

  private TaskMetrics() {}

  /**
   * Runs {@code predict} (source to predicted target, without END; see {@link
   * TaskVocabulary#untilEnd}) on every example and scores the predictions.
   */
  public static Score evaluate(List<TaskExample> examples, Function<int[], int[]> predict) {
    List<int[]> predicted = new ArrayList<>(examples.size());
    List<int[]> expected = new ArrayList<>(examples.size());
    for (TaskExample e : examples) {
      predicted.add(predict.apply(e.source().clone()));
      expected.add(e.target());
    }
    return score(predicted, expected);
  }

  /** All three metrics. */
  public static Score score(List<int[]> predicted, List<int[]> expected) {
    return new Score(
        tokenAccuracy(predicted, expected),
        exactAccuracy(predicted, expected),
        perPositionAccuracy(predicted, expected),
        expected.size());
  }

  /** Correct tokens over expected tokens. */
  public static double tokenAccuracy(List<int[]> predicted, List<int[]> expected) {
    check(predicted, expected);
    long correct = 0;
    long total = 0;
    for (int i = 0; i < expected.size(); i++) {
      int[] p = predicted.get(i);
      int[] e = expected.get(i);
      for (int t = 0; t < e.length; t++) {
        correct += t < p.length && p[t] == e[t] ? 1 : 0;
      }
      total += e.length;
    }
    return total == 0 ? 1.0 : (double) correct / total;
  }

  /** Fraction of examples predicted exactly (same length, same tokens). */
  public static double exactAccuracy(List<int[]> predicted, List<int[]> expected) {
    check(predicted, expected);
    int exact = 0;
    for (int i = 0; i < expected.size(); i++) {
      exact += java.util.Arrays.equals(predicted.get(i), expected.get(i)) ? 1 : 0;
    }
    return (double) exact / expected.size();
  }

  /** Accuracy at each position 0..longest-1 over the examples whose expected length reaches it. */
  public static double[] perPositionAccuracy(List<int[]> predicted, List<int[]> expected) {
    check(predicted, expected);
    int longest = 0;
    for (int[] e : expected) {
      longest = Math.max(longest, e.length);
    }
    long[] correct = new long[longest];
    long[] total = new long[longest];
    for (int i = 0; i < expected.size(); i++) {
      int[] p = predicted.get(i);
      int[] e = expected.get(i);
      for (int t = 0; t < e.length; t++) {
        correct[t] += t < p.length && p[t] == e[t] ? 1 : 0;
        total[t]++;
      }
    }
    double[] out = new double[longest];
    for (int t = 0; t < longest; t++) {
      out[t] = (double) correct[t] / total[t];
    }
    return out;
  }

  private static void check(List<int[]> predicted, List<int[]> expected) {
    Checks.check(
        predicted.size() == expected.size(),
        "task metrics: %d predictions for %d expected sequences",
        predicted.size(),
        expected.size());
    Checks.check(!expected.isEmpty(), "task metrics: expected at least one sequence, got none");
  }
}
