package org.tinyformer.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.data.ArithmeticTask;
import org.tinyformer.data.ArithmeticTask.Problem;
import org.tinyformer.data.ExactMatch;
import org.tinyformer.models.LanguageModel;
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
  public Result evaluate(LanguageModel model) {
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
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < Math.min(5, problems.size()); i++) {
      examples.add(example(problems.get(i), completions.get(task.prompt(problems.get(i)))));
    }
    return new Result("exact_match", r.accuracy(), r.total(), examples);
  }

  private String example(Problem p, String completion) {
    int got = task.parseAnswer(completion);
    String verdict = got == p.sum() ? "ok" : "wrong (expected " + p.sum() + ")";
    return String.format(
        "%d + %d = %s   model wrote %s   %s",
        p.a(), p.b(), got < 0 ? "?" : Integer.toString(got), task.prompt(p) + completion, verdict);
  }

  /** Greedy completions (answer digits, no newline) for problems whose prompts share a length. */
  private List<String> complete(LanguageModel model, List<Problem> problems) {
    int B = problems.size();
    int promptLength = task.prompt(problems.get(0)).length();
    int answerLength = task.answer(problems.get(0)).length();
    int maxT = promptLength + answerLength;
    int[][] rows = new int[B][];
    for (int b = 0; b < B; b++) {
      rows[b] = java.util.Arrays.copyOf(tokenizer.encode(task.prompt(problems.get(b))), maxT);
    }
    int V = model.config().vocabSize();
    for (int T = promptLength; T < maxT; T++) {
      int[] inputs = new int[B * T]; // (B, T)
      for (int b = 0; b < B; b++) {
        System.arraycopy(rows[b], 0, inputs, b * T, T);
      }
      float[] logits = model.logits(inputs, B, T); // (B, T, V)
      for (int b = 0; b < B; b++) {
        rows[b][T] = argmax(logits, ((long) b * T + T - 1) * V, V);
      }
    }
    List<String> answers = new ArrayList<>();
    for (int b = 0; b < B; b++) {
      int[] answer = java.util.Arrays.copyOfRange(rows[b], promptLength, maxT);
      answers.add(tokenizer.decode(answer));
    }
    return answers;
  }

  private static int argmax(float[] x, long offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (x[(int) offset + i] > x[(int) offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
