package org.tinyformer.data.tasks;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The synthetic tasks: what the target is for a source sequence. */
public enum TaskKind {
  /** {@code [a b c] -> [a b c]}; attention draws the diagonal. */
  COPY,
  /** {@code [a b c] -> [c b a]}; attention draws the anti-diagonal. */
  REVERSE,
  /** {@code [c a b] -> [a b c]}, ascending, duplicates kept. */
  SORT,
  /** {@code [1 2 + 3 4] -> [4 6]}: two numbers, digits as tokens, to their sum. */
  ADD,
  /** {@code [a b c] -> [a b c a b c]}. */
  DUPLICATE;

  /** The lowercase name used on the command line: {@code copy}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code name} (case-insensitive); the error lists the known ones. */
  public static TaskKind parse(String name) {
    for (TaskKind kind : values()) {
      if (kind.label().equalsIgnoreCase(name.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "task: unknown task '"
            + name
            + "', expected one of "
            + Arrays.stream(values()).map(TaskKind::label).collect(Collectors.joining(", ")));
  }
}
