package org.tinyformer.training;

import java.util.Arrays;
import java.util.List;
import org.tinyformer.base.Checks;
import org.tinyformer.data.tasks.TaskConfig;
import org.tinyformer.data.tasks.TaskKind;

/**
 * The {@code task:} section of a run config, read when {@code data.kind: task}: which sequence task
 * (copy, reverse, sort, add, duplicate), its symbols, the training lengths, the longest
 * length-generalisation length, the held-out set size and the seed that fixes both evaluation
 * splits; for add, whether sums are written least significant digit first and operands zero-padded.
 */
public record TaskSettings(
    String name,
    int symbols,
    int minLength,
    int maxLength,
    int lengthGenMax,
    int heldOut,
    long seed,
    boolean reverseSum,
    boolean padOperands) {

  /** Reverse over 10 symbols, lengths 3-10, generalisation to 14, 500 held-out examples. */
  public static final TaskSettings DEFAULTS =
      new TaskSettings("reverse", 10, 3, 10, 14, 500, 1337L, false, false);

  public TaskSettings {
    List<String> tasks = Arrays.stream(TaskKind.values()).map(TaskKind::label).toList();
    Checks.check(
        tasks.contains(name),
        "config: task.name must be one of %s, got '%s'",
        String.join(", ", tasks),
        name);
  }

  /** The generator's config (validated there: lengths, symbols, add's digits). */
  public TaskConfig taskConfig() {
    try {
      return new TaskConfig(
          TaskKind.parse(name),
          symbols,
          minLength,
          maxLength,
          lengthGenMax,
          heldOut,
          seed,
          reverseSum,
          padOperands);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config: " + e.getMessage(), e);
    }
  }

  /** The longest source of any split (add: two operands and the plus). */
  public int longestSource() {
    int n = lengthGenMax;
    return switch (TaskKind.parse(name)) {
      case ADD -> 2 * n + 1;
      default -> n;
    };
  }

  /** The longest target of any split, the greedy decoding budget. */
  public int longestTarget() {
    int n = lengthGenMax;
    return switch (TaskKind.parse(name)) {
      case DUPLICATE -> 2 * n;
      case ADD -> n + 1;
      default -> n;
    };
  }
}
