package org.tinyformer.data.tasks;

import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Generates examples of one task. Sources have uniform random symbols; for {@code add} the length
 * is the digit count of the longer operand (the other has {@code minLength..length} digits, no
 * leading zeros unless {@link TaskConfig#padOperands} pads both). Usage: {@code new
 * TaskGenerator(config).sample(rng, 7)}.
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
    int width = config.padOperands() ? Math.max(config.maxLength(), length) : 0;
    int[] source = addition(a, b, width);
    return new TaskExample(source, sumOf(source));
  }

  /** {@code a + b} as ids, each operand zero-padded to {@code width} digits (0: no padding). */
  private int[] addition(long a, long b, int width) {
    int[] da = digits(a, width);
    int[] db = digits(b, width);
    int[] source = new int[da.length + 1 + db.length];
    System.arraycopy(da, 0, source, 0, da.length);
    source[da.length] = vocabulary.plus();
    System.arraycopy(db, 0, source, da.length + 1, db.length);
    return source;
  }

  /**
   * {@code source} in the layout the model was trained on: for add with padded operands, both
   * operands zero-padded ({@code 1 2 + 4 5 6 -> 0 1 2 + 4 5 6}); otherwise unchanged.
   */
  public int[] canonical(int[] source) {
    if (config.kind() != TaskKind.ADD || !config.padOperands()) {
      return source.clone();
    }
    int plusAt = indexOfPlus(source);
    int longer = Math.max(plusAt, source.length - plusAt - 1);
    long[] ab = operands(source);
    return addition(ab[0], ab[1], Math.max(config.maxLength(), longer));
  }

  private int indexOfPlus(int[] source) {
    for (int i = 0; i < source.length; i++) {
      if (source[i] == vocabulary.plus()) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "task add: expected two numbers joined by '+', got " + vocabulary.format(source));
  }

  /** The two numbers of an addition source. */
  private long[] operands(int[] source) {
    int plusAt = indexOfPlus(source);
    long[] ab = new long[2];
    for (int i = 0; i < source.length; i++) {
      if (i != plusAt) {
        int which = i < plusAt ? 0 : 1;
        ab[which] = ab[which] * 10 + (source[i] - TaskVocabulary.FIRST_SYMBOL);
      }
    }
    return ab;
  }

  private int[] sumOf(int[] source) {
    long[] ab = operands(source);
    int plusAt = indexOfPlus(source);
    int width = config.padOperands() ? Math.max(plusAt, source.length - plusAt - 1) + 1 : 0;
    int[] sum = digits(ab[0] + ab[1], width);
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

  /** The decimal digits of {@code value} as ids, zero-padded on the left to {@code width}. */
  private static int[] digits(long value, int width) {
    String s = Long.toString(value);
    int n = Math.max(width, s.length());
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int j = i - (n - s.length());
      out[i] = TaskVocabulary.symbol(j < 0 ? 0 : s.charAt(j) - '0');
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
