package org.tinyformer.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.data.tasks.TaskMetrics;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.models.TrainableModel;

/**
 * Greedy-decoding accuracy on a sequence task ({@link TaskMetrics}: exact-sequence, token and
 * per-position), with a few held-out inputs and the model's outputs ({@link #examples}): during
 * training on the first {@value #EVAL_SLICE} held-out examples, at the end on the whole held-out
 * split and the length-generalisation split; for an encoder-decoder on copy, reverse or duplicate
 * also the cross-attention mass on the task's pattern ({@link CrossAttentionAlignment}). The caller
 * puts the model in evaluation mode.
 */
public final class TaskAccuracy implements TaskMetric {
  static final int EVAL_SLICE = 250;
  private static final int CHUNK = 64; // examples per decoding batch
  private static final int TRAINING_EXAMPLES = 3; // shown at each evaluation
  private static final int FINAL_EXAMPLES = 5; // shown at the end

  private final TaskData data;

  public TaskAccuracy(TaskData data) {
    this.data = data;
  }

  @Override
  public Optional<Result> duringTraining(TrainableModel model) {
    List<TaskExample> heldOut = data.splits().heldOut();
    List<TaskExample> slice = heldOut.subList(0, Math.min(EVAL_SLICE, heldOut.size()));
    List<int[]> predicted = predictAll(model, slice);
    TaskMetrics.Score s = score(predicted, slice);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("exact_match", s.exact());
    fields.put("token_accuracy", s.token());
    fields.put("examples", s.count());
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "held-out exact %.3f, token %.3f (first %d examples)",
            s.exact(),
            s.token(),
            s.count()));
    lines.addAll(examples(slice, predicted, TRAINING_EXAMPLES));
    return Optional.of(new Result("exact_match", s.exact(), fields, lines));
  }

  @Override
  public Result evaluate(TrainableModel model) {
    String task = data.task().name();
    List<TaskExample> heldOutExamples = data.splits().heldOut();
    List<int[]> predicted = predictAll(model, heldOutExamples);
    TaskMetrics.Score heldOut = score(predicted, heldOutExamples);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("exact_match", heldOut.exact());
    fields.put("token_accuracy", heldOut.token());
    fields.put("examples", heldOut.count());
    List<String> lines = new ArrayList<>();
    lines.add(line(task, "held-out", heldOut));
    if (!data.splits().generalisation().isEmpty()) {
      TaskMetrics.Score gen = score(model, data.splits().generalisation());
      fields.put("length_gen_exact_match", gen.exact());
      fields.put("length_gen_token_accuracy", gen.token());
      fields.put("length_gen_examples", gen.count());
      lines.add(line(task, "length-gen", gen));
    }
    TaskKind kind = TaskKind.parse(task);
    if (data.encoderDecoder() && CrossAttentionAlignment.hasPattern(kind)) {
      List<TaskExample> examples = data.splits().heldOut();
      double[] mass = CrossAttentionAlignment.massPerLayer(model, data, kind, examples, CHUNK);
      lines.add(CrossAttentionAlignment.describe(kind, mass, examples.size()));
    }
    if (kind == TaskKind.ADD && data.task().reverseSum()) {
      lines.add(
          "  (the model writes each sum right to left, ones digit first: the order of adding by"
              + " hand, where each digit needs only the carry from the digits already written;"
              + " the answers below read left to right)");
    }
    lines.addAll(examples(heldOutExamples, predicted, FINAL_EXAMPLES));
    return new Result("exact_match", heldOut.exact(), fields, lines);
  }

  /**
   * The first {@code n} examples with the model's outputs, one line each: {@code reverse 3 1 4 -> 4
   * 1 3 ok}; for add the sum as a person reads it, {@code 675 + 814 = 1489 ok (wrote 9841)}.
   */
  List<String> examples(List<TaskExample> examples, List<int[]> predicted, int n) {
    TaskVocabulary v = data.splits().vocabulary();
    boolean add = TaskKind.parse(data.task().name()) == TaskKind.ADD;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(n, examples.size()); i++) {
      TaskExample e = examples.get(i);
      int[] got = predicted.get(i);
      boolean ok = Arrays.equals(got, e.target());
      lines.add(add ? "  " + addition(v, e, got, ok) : "  " + sequence(v, e, got, ok));
    }
    return lines;
  }

  private String sequence(TaskVocabulary v, TaskExample e, int[] got, boolean ok) {
    return String.format(
        "%s %s -> %s   %s",
        data.task().name(),
        v.format(e.source()),
        got.length == 0 ? "(nothing)" : v.format(got),
        ok ? "ok" : "wrong, expected " + v.format(e.target()));
  }

  private String addition(TaskVocabulary v, TaskExample e, int[] got, boolean ok) {
    String[] operands = v.format(e.source()).replace(" ", "").split("\\+");
    long sum = Long.parseLong(operands[0]) + Long.parseLong(operands[1]);
    String wrote = v.format(got).replace(" ", "");
    String read = data.task().reverseSum() ? new StringBuilder(wrote).reverse().toString() : wrote;
    String shown = read.matches("[0-9]{1,18}") ? Long.toString(Long.parseLong(read)) : "?";
    return String.format(
        "%d + %d = %s   %s   (wrote %s)",
        Long.parseLong(operands[0]),
        Long.parseLong(operands[1]),
        shown,
        ok ? "ok" : "wrong, expected " + sum,
        wrote.isEmpty() ? "nothing" : wrote);
  }

  private static String line(String task, String split, TaskMetrics.Score s) {
    StringBuilder per = new StringBuilder();
    for (double p : s.perPosition()) {
      per.append(String.format(Locale.ROOT, " %.2f", p));
    }
    return String.format(
        Locale.ROOT, "%s %-10s %s  per position:%s", task, split, s.summary(), per);
  }

  /** The scores of {@code model} on {@code examples}. */
  TaskMetrics.Score score(TrainableModel model, List<TaskExample> examples) {
    return score(predictAll(model, examples), examples);
  }

  private static TaskMetrics.Score score(List<int[]> predicted, List<TaskExample> examples) {
    return TaskMetrics.score(predicted, examples.stream().map(TaskExample::target).toList());
  }

  /**
   * Greedy predictions (without END) for every example, in order: batches of {@value #CHUNK}
   * sources, of one length each for the decoder-only layout (its prompts must line up).
   */
  public List<int[]> predictAll(TrainableModel model, List<TaskExample> examples) {
    int[][] out = new int[examples.size()][];
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < examples.size(); i++) {
      int key = data.encoderDecoder() ? 0 : examples.get(i).source().length;
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> group : groups.values()) {
      for (int start = 0; start < group.size(); start += CHUNK) {
        List<Integer> rows = group.subList(start, Math.min(group.size(), start + CHUNK));
        int longest = rows.stream().mapToInt(i -> examples.get(i).target().length).max().orElse(1);
        List<int[]> sources = rows.stream().map(i -> examples.get(i).source()).toList();
        int[][] predicted = model.complete(data.prompts(sources), longest + 2, TaskVocabulary.END);
        for (int r = 0; r < rows.size(); r++) {
          out[rows.get(r)] = predicted[r];
        }
      }
    }
    return List.of(out);
  }
}
