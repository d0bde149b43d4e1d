package org.tinyformer.data.tasks;

import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Generates examples of one task. Sources have uniform random symbols; for {@code add} the length
 * is the digit count of the longer operand (the other has {@code minLength..length} digits, no
 * leading zeros). Usage: {@code new TaskGenerator(config).sample(rng, 7)}.
 */
public final class TaskGenerator {
  private final TaskConfig config;
  private final TaskVocabulary vocabulary;

  public TaskGenerator(TaskConfig config) {
    this.config = config;
    this.vocabulary = new TaskVocabulary(config);
  }

  /** A random example whose source has {@code length} symbols (operand digits for add). */
  public TaskExample sample(Rng rng, int length) {
    Checks.check(length >= 1, "task generator: length must be >= 1, got %d", length);
    if (config.kind() == TaskKind.ADD) {
      return sampleAddition(rng, length);
    }
    int[] source = new int[length];
    for (int i = 0; i < length; i++) {
      source[i] = TaskVocabulary.symbol(rng.nextInt(config.vocabSize()));
    }
    return new TaskExample(source, target(source));
  }

  /** The target of {@code source} for this task (not for add, whose source is a sum). */
  public int[] target(int[] source) {
    return switch (config.kind()) {
      case COPY -> source.clone();
      case REVERSE -> reversed(source);
      case SORT -> sorted(source);
      case DUPLICATE -> duplicated(source);
      case ADD -> sumOf(source);
    };
  }

  private TaskExample sampleAddition(Rng rng, int length) {
    int shorter = config.minLength() + rng.nextInt(length - config.minLength() + 1);
    boolean firstLonger = rng.nextInt(2) == 0;
    long a = number(rng, firstLonger ? length : shorter);
    long b = number(rng, firstLonger ? shorter : length);
    int[] da = digits(a);
    int[] db = digits(b);
    int[] source = new int[da.length + 1 + db.length];
    System.arraycopy(da, 0, source, 0, da.length);
    source[da.length] = vocabulary.plus();
    System.arraycopy(db, 0, source, da.length + 1, db.length);
    return new TaskExample(source, sumOf(source));
  }

  private int[] sumOf(int[] source) {
    long a = 0;
    long b = 0;
    boolean second = false;
    for (int id : source) {
      if (id == vocabulary.plus()) {
        second = true;
      } else if (second) {
        b = b * 10 + (id - TaskVocabulary.FIRST_SYMBOL);
      } else {
        a = a * 10 + (id - TaskVocabulary.FIRST_SYMBOL);
      }
    }
    int[] sum = digits(a + b);
    return config.reverseSum() ? reversed(sum) : sum;
  }

  private static long number(Rng rng, int digits) {
    if (digits == 1) {
      return rng.nextInt(10);
    }
    long value = 1 + rng.nextInt(9);
    for (int i = 1; i < digits; i++) {
      value = value * 10 + rng.nextInt(10);
    }
    return value;
  }

  private static int[] digits(long value) {
    String s = Long.toString(value);
    int[] out = new int[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = TaskVocabulary.symbol(s.charAt(i) - '0');
    }
    return out;
  }

  private static int[] reversed(int[] source) {
    int n = source.length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = source[n - 1 - i];
    }
    return out;
  }

  private static int[] sorted(int[] source) {
    int[] out = source.clone();
    Arrays.sort(out);
    return out;
  }

  private static int[] duplicated(int[] source) {
    int[] out = Arrays.copyOf(source, 2 * source.length);
    System.arraycopy(source, 0, out, source.length, source.length);
    return out;
  }
}
