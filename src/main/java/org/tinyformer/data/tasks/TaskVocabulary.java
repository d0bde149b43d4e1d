package org.tinyformer.data.tasks;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.base.Checks;
import org.tinyformer.tokenizers.WordTokenizer;

/**
 * Token ids of a task: {@code PAD=0, START=1, END=2} ({@code <pad> <bos> <eos>}, the word
 * tokenizer's specials, with its unused {@code <unk>} at 3), {@code SEP=4} ({@code |}), then the
 * symbols from {@link #FIRST_SYMBOL}. Symbols print as their number ({@code 0..V-1}); for {@code
 * add} the digits, then {@code +}. A run saves the vocabulary as a word tokenizer ({@link
 * #tokenizer()}). Usage: {@code vocab.parse("5 7 9 2")}, {@code vocab.label(id)}.
 */
public final class TaskVocabulary {
  public static final int PAD = 0;
  public static final int START = 1;
  public static final int END = 2;

  /** Separates source from target when one sequence holds both (decoder-only layout). */
  public static final int SEP = 4;

  public static final int FIRST_SYMBOL = 5;

  private final TaskKind kind;
  private final int symbols; // distinct symbols, '+' included for add

  /** The vocabulary of {@code config}. */
  public TaskVocabulary(TaskConfig config) {
    this.kind = config.kind();
    this.symbols = config.vocabSize() + (kind == TaskKind.ADD ? 1 : 0);
  }

  /** Number of ids, specials included. */
  public int size() {
    return FIRST_SYMBOL + symbols;
  }

  /** The id of symbol {@code s} (a digit for add). */
  public static int symbol(int s) {
    return FIRST_SYMBOL + s;
  }

  /** The id of {@code +} (add only). */
  public int plus() {
    Checks.check(kind == TaskKind.ADD, "task vocabulary: only add has '+', not %s", kind.label());
    return FIRST_SYMBOL + 10;
  }

  /** A short label for plots and printing: {@code <pad> <bos> <eos> <unk> | 0 1 ... +}. */
  public String label(int id) {
    Checks.check(id >= 0 && id < size(), "task vocabulary: id %d is outside [0, %d)", id, size());
    return switch (id) {
      case PAD -> WordTokenizer.PAD;
      case START -> WordTokenizer.BOS;
      case END -> WordTokenizer.EOS;
      case SEP -> "|";
      case WordTokenizer.UNK_ID -> WordTokenizer.UNK;
      default -> kind == TaskKind.ADD && id == plus() ? "+" : Integer.toString(id - FIRST_SYMBOL);
    };
  }

  /** The vocabulary as a word tokenizer: every label in id order ("5 7 | 7 5" encodes as usual). */
  public WordTokenizer tokenizer() {
    List<String> labels = new ArrayList<>();
    for (int id = 0; id < size(); id++) {
      labels.add(label(id));
    }
    return WordTokenizer.of(labels);
  }

  /** The labels of {@code ids}, space-separated. */
  public String format(int[] ids) {
    List<String> parts = new ArrayList<>();
    for (int id : ids) {
      parts.add(label(id));
    }
    return String.join(" ", parts);
  }

  /** The ids of space-separated labels, e.g. {@code "5 7 9 2"} or {@code "1 2 + 3 4"}. */
  public int[] parse(String text) {
    String[] parts = text.trim().split("\\s+");
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      ids[i] = parseOne(parts[i], text);
    }
    return ids;
  }

  private int parseOne(String part, String text) {
    if (kind == TaskKind.ADD && part.equals("+")) {
      return plus();
    }
    int max = kind == TaskKind.ADD ? 10 : symbols;
    int s;
    try {
      s = Integer.parseInt(part);
    } catch (NumberFormatException e) {
      s = -1;
    }
    Checks.check(
        s >= 0 && s < max,
        "task input: '%s' in \"%s\" is not a symbol of %s, expected 0..%d%s",
        part,
        text,
        kind.label(),
        max - 1,
        kind == TaskKind.ADD ? " or +" : "");
    return symbol(s);
  }

  /** {@code ids} up to (not including) the first END, e.g. a decoded prediction. */
  public static int[] untilEnd(int[] ids) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == END) {
        return java.util.Arrays.copyOf(ids, i);
      }
    }
    return ids.clone();
  }
}
