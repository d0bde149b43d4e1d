package org.tinyformer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.tokenizers.CharTokenizer;

/**
 * The built-in addition task: lines {@code 012+456=8640}, operands zero-padded to {@code digits},
 * the sum written with {@code digits + 1} digits, least significant first. Reversed sums train far
 * better (each digit depends only on digits already seen and a carry; Lee et al. 2023, "Teaching
 * Arithmetic to Small Transformers"), and fixed width puts every digit at a fixed position. A
 * seeded held-out set is never drawn for training. Usage: {@code ArithmeticTask.standard()}.
 */
public final class ArithmeticTask {
  /** One problem {@code a + b}. */
  public record Problem(int a, int b) {
    public int sum() {
      return a + b;
    }
  }

  /** The default: 3-digit operands, 1000 held-out problems, seed 1337, reversed sums. */
  public static ArithmeticTask standard() {
    return new ArithmeticTask(3, 1000, 1337, true);
  }

  private final int digits;
  private final boolean reversed;
  private final int bound; // 10^digits, operands in [0, bound)
  private final List<Problem> heldOut;
  private final Set<Long> heldOutKeys = new HashSet<>();

  /** {@code reversed=false} writes sums most significant digit first (for comparison). */
  public ArithmeticTask(int digits, int heldOutCount, long seed, boolean reversed) {
    Checks.check(
        digits >= 1 && digits <= 4, "arithmetic: digits must be in [1, 4], got %d", digits);
    this.digits = digits;
    this.reversed = reversed;
    this.bound = (int) Math.pow(10, digits);
    long space = (long) bound * bound;
    Checks.check(
        heldOutCount >= 0 && heldOutCount <= space / 2,
        "arithmetic: heldOutCount must be in [0, %d] for %d digits, got %d",
        space / 2,
        digits,
        heldOutCount);
    Rng rng = new Rng(seed);
    List<Problem> problems = new ArrayList<>();
    while (problems.size() < heldOutCount) {
      Problem p = new Problem(rng.nextInt(bound), rng.nextInt(bound));
      if (heldOutKeys.add(key(p))) {
        problems.add(p);
      }
    }
    this.heldOut = List.copyOf(problems);
  }

  private long key(Problem p) {
    return (long) p.a() * bound + p.b();
  }

  /** The characters of every line, in tokenizer order: {@code "\n+0123456789="}. */
  public static String alphabet() {
    return "\n+0123456789=";
  }

  /** The char tokenizer over {@link #alphabet()}. */
  public static CharTokenizer tokenizer() {
    return CharTokenizer.fit(alphabet());
  }

  /** The problems kept out of training, for exact-match evaluation. */
  public List<Problem> heldOut() {
    return heldOut;
  }

  /** Whether {@code p} is held out (never produced by the training samplers). */
  public boolean isHeldOut(Problem p) {
    return heldOutKeys.contains(key(p));
  }

  /** The prompt, e.g. {@code 012+456=}. */
  public String prompt(Problem p) {
    return pad(p.a(), digits) + "+" + pad(p.b(), digits) + "=";
  }

  /** True when sums are written least significant digit first. */
  public boolean reversed() {
    return reversed;
  }

  /** The expected completion without the newline, e.g. {@code 8640} for 468 when reversed. */
  public String answer(Problem p) {
    String s = pad(p.sum(), digits + 1);
    return reversed ? new StringBuilder(s).reverse().toString() : s;
  }

  /** The full training line: prompt, answer, newline. */
  public String line(Problem p) {
    return prompt(p) + answer(p) + "\n";
  }

  /** Characters per line, newline included (13 for 3 digits). */
  public int lineLength() {
    return 2 * digits + 2 + digits + 1 + 1;
  }

  /** The sum a completion stands for, or -1 if it is not {@code digits + 1} digits. */
  public int parseAnswer(String completion) {
    if (completion.length() != digits + 1 || !completion.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    String s = reversed ? new StringBuilder(completion).reverse().toString() : completion;
    return Integer.parseInt(s);
  }

  /** A human-readable rendering, {@code 12+456=468}. */
  public static String render(Problem p) {
    return p.a() + "+" + p.b() + "=" + p.sum();
  }

  /** A random training problem (never a held-out one). */
  public Problem sample(Rng rng) {
    while (true) {
      Problem p = new Problem(rng.nextInt(bound), rng.nextInt(bound));
      if (!heldOutKeys.contains(key(p))) {
        return p;
      }
    }
  }

  /** {@code lines} random training lines as one text, for the plain text pipeline. */
  public String trainingText(int lines, long seed) {
    Rng rng = new Rng(seed);
    StringBuilder sb = new StringBuilder(lines * lineLength());
    for (int i = 0; i < lines; i++) {
      sb.append(line(sample(rng)));
    }
    return sb.toString();
  }

  /**
   * One row per problem (T = line length - 1): inputs are the line without its newline, targets the
   * line shifted by one, with {@link Padding#IGNORE_INDEX} on the prompt (its digits are random),
   * so the loss is on the answer and the newline only.
   */
  public Batch batch(List<Problem> problems) {
    Checks.check(!problems.isEmpty(), "arithmetic: expected problems, got none");
    CharTokenizer tokenizer = tokenizer();
    int B = problems.size();
    int T = lineLength() - 1;
    int answerStart = 2 * digits + 2; // index of the first answer char in the line
    int[] inputs = new int[B * T]; // (B, T)
    int[] targets = new int[B * T]; // (B, T)
    for (int b = 0; b < B; b++) {
      int[] ids = tokenizer.encode(line(problems.get(b)));
      System.arraycopy(ids, 0, inputs, b * T, T);
      for (int t = 0; t < T; t++) {
        targets[b * T + t] = t + 1 >= answerStart ? ids[t + 1] : Padding.IGNORE_INDEX;
      }
    }
    return new Batch(inputs, targets, B, T);
  }

  /** Endless training batches of {@link #batch} form; the position is the Rng state. */
  public BatchSource sampler(int batchSize, long seed) {
    Checks.check(batchSize > 0, "arithmetic: batchSize must be positive, got %d", batchSize);
    Rng rng = new Rng(seed);
    return new BatchSource() {
      @Override
      public Batch next() {
        List<Problem> problems = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
          problems.add(sample(rng));
        }
        return batch(problems);
      }

      @Override
      public long[] state() {
        return rng.state();
      }

      @Override
      public void restore(long[] state) {
        rng.setState(state);
      }
    };
  }

  /** The held-out problems as exact-match cases (prompt, expected completion). */
  public List<ExactMatch.Case> heldOutCases() {
    return heldOut.stream().map(p -> new ExactMatch.Case(prompt(p), answer(p))).toList();
  }

  private static String pad(int value, int width) {
    char[] c = new char[width];
    Arrays.fill(c, '0');
    String s = Integer.toString(value);
    s.getChars(0, s.length(), c, width - s.length());
    return new String(c);
  }
}
