package org.tinyformer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tinyformer.base.Checks;

/**
 * Exact-match accuracy of a completion function: for each case, the completion of the prompt up to
 * its first newline must equal the expected text. Usage: {@code ExactMatch.evaluate(
 * task.heldOutCases(), prompt -> model.complete(prompt)).accuracy()}.
 */
public final class ExactMatch {
  /** A prompt and the completion expected for it (no newline). */
  public record Case(String prompt, String expected) {}

  /** A case that failed, with what the function produced (cut at the newline). */
  public record Miss(String prompt, String expected, String actual) {}

  /** The outcome: counts and the misses in case order. */
  public record Result(int correct, int total, List<Miss> misses) {
    /** Fraction correct in [0, 1] (0 when there were no cases). */
    public double accuracy() {
      return total == 0 ? 0 : (double) correct / total;
    }

    /** {@code 991/1000 = 99.10%}. */
    public String summary() {
      return String.format("%d/%d = %.2f%%", correct, total, 100 * accuracy());
    }
  }

  private ExactMatch() {}

  /** Runs {@code complete} on every prompt and compares its first line with the expected text. */
  public static Result evaluate(List<Case> cases, Function<String, String> complete) {
    Checks.check(!cases.isEmpty(), "exact match: expected at least one case, got none");
    int correct = 0;
    List<Miss> misses = new ArrayList<>();
    for (Case c : cases) {
      String actual = firstLine(complete.apply(c.prompt()));
      if (actual.equals(c.expected())) {
        correct++;
      } else {
        misses.add(new Miss(c.prompt(), c.expected(), actual));
      }
    }
    return new Result(correct, cases.size(), List.copyOf(misses));
  }

  /** The text up to (not including) the first newline; null counts as empty. */
  public static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
