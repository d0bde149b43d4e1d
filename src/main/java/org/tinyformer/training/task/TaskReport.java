package org.tinyformer.training.task;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tinyformer.data.tasks.TaskMetrics;
import org.tinyformer.data.tasks.TaskSplits;

/** The final scores of a task model on the held-out and length-generalisation splits. */
public record TaskReport(
    String task, TaskMetrics.Score heldOut, TaskMetrics.Score lengthGeneralisation) {

  /** Greedy-decodes both splits (the second may be empty: then its score is null). */
  public static TaskReport evaluate(Seq2SeqModel model, TaskSplits splits, int batchSize) {
    TaskEvaluator evaluator = new TaskEvaluator(batchSize);
    return new TaskReport(
        splits.config().kind().label(),
        evaluator.evaluate(model, splits.heldOut()),
        splits.generalisation().isEmpty()
            ? null
            : evaluator.evaluate(model, splits.generalisation()));
  }

  /** Fields of the {@code result} log record. */
  public Map<String, Object> toLogFields(int step) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("step", step);
    f.put("held_out_exact", heldOut.exact());
    f.put("held_out_token_accuracy", heldOut.token());
    f.put("held_out_count", heldOut.count());
    if (lengthGeneralisation != null) {
      f.put("length_gen_exact", lengthGeneralisation.exact());
      f.put("length_gen_token_accuracy", lengthGeneralisation.token());
      f.put("length_gen_count", lengthGeneralisation.count());
    }
    return f;
  }

  /** A few lines for the terminal: both splits and per-position accuracy. */
  public String describe() {
    String text = line("held-out", heldOut);
    return lengthGeneralisation == null ? text : text + line("length-gen", lengthGeneralisation);
  }

  private String line(String split, TaskMetrics.Score s) {
    StringBuilder per = new StringBuilder();
    for (double p : s.perPosition()) {
      per.append(String.format(Locale.ROOT, " %.2f", p));
    }
    return String.format(
        Locale.ROOT, "%s %-10s %s  per position:%s%n", task, split, s.summary(), per);
  }
}
