package org.tinyformer.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinyformer.data.ArithmeticTask;
import org.tinyformer.data.ArithmeticTask.Problem;
import org.tinyformer.data.Batch;
import org.tinyformer.data.ExactMatch;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Exact-match accuracy on the held-out arithmetic problems: the model completes each prompt
 * greedily (all problems in one batch per position, since every prompt has the same length) and the
 * answer must match digit for digit.
 */
public final class ArithmeticAccuracy implements TaskMetric {
  private static final int CHUNK = 256; // problems per forward pass
  private final ArithmeticTask task;
  private final Tokenizer tokenizer;

  public ArithmeticAccuracy(ArithmeticTask task, Tokenizer tokenizer) {
    this.task = task;
    this.tokenizer = tokenizer;
  }

  @Override
  public Result evaluate(TrainableModel model) {
    List<Problem> problems = task.heldOut();
    Map<String, String> completions = new HashMap<>();
    for (int start = 0; start < problems.size(); start += CHUNK) {
      List<Problem> chunk = problems.subList(start, Math.min(problems.size(), start + CHUNK));
      List<String> answers = complete(model, chunk);
      for (int i = 0; i < chunk.size(); i++) {
        completions.put(task.prompt(chunk.get(i)), answers.get(i));
      }
    }
    ExactMatch.Result r = ExactMatch.evaluate(task.heldOutCases(), completions::get);
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "held-out exact match: %.2f%% of %d problems",
            100 * r.accuracy(),
            r.total()));
    if (task.reversed()) {
      lines.add(
          "  (the model writes each sum right to left, ones digit first: the order of adding by"
              + " hand, where each digit needs only the carry from the digits already written;"
              + " the answers below read left to right)");
    }
    for (int i = 0; i < Math.min(5, problems.size()); i++) {
      lines.add("  " + example(problems.get(i), completions.get(task.prompt(problems.get(i)))));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("exact_match", r.accuracy());
    fields.put("problems", r.total());
    return new Result("exact_match", r.accuracy(), fields, lines);
  }

  /** {@code 675 + 814 = 1489 ok (wrote 9841)}: the answer as a person reads it first. */
  private String example(Problem p, String completion) {
    int got = task.parseAnswer(completion);
    String verdict = got == p.sum() ? "ok" : "wrong, expected " + p.sum();
    return String.format(
        "%d + %d = %s   %s   (wrote %s)",
        p.a(), p.b(), got < 0 ? "?" : Integer.toString(got), verdict, completion);
  }

  /** Greedy completions (answer digits, no newline) for problems whose prompts share a length. */
  private List<String> complete(TrainableModel model, List<Problem> problems) {
    int B = problems.size();
    int P = task.prompt(problems.get(0)).length();
    int answerLength = task.answer(problems.get(0)).length();
    int[] prompts = new int[B * P]; // (B, P)
    for (int b = 0; b < B; b++) {
      System.arraycopy(tokenizer.encode(task.prompt(problems.get(b))), 0, prompts, b * P, P);
    }
    int[][] answers = model.complete(new Batch(prompts, new int[B * P], B, P), answerLength, -1);
    List<String> out = new ArrayList<>();
    for (int[] answer : answers) {
      out.add(tokenizer.decode(answer));
    }
    return out;
  }
}
