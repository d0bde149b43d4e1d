package org.tinyformer.data.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinyformer.base.Rng;

/**
 * The data of one task: a held-out set (lengths {@code minLength..maxLength}) whose sources never
 * appear in training, a length-generalisation set (lengths above {@code maxLength}, so longer than
 * any training example), and the training distribution. Both evaluation sets are fixed by the seed.
 * Usage: {@code TaskSplits s = new TaskSplits(config); s.heldOut(); s.sampleTraining(rng);}
 */
public final class TaskSplits {
  private static final int MAX_ATTEMPTS = 10_000;

  private final TaskConfig config;
  private final TaskGenerator generator;
  private final List<TaskExample> heldOut;
  private final List<TaskExample> generalisation;
  private final Set<List<Integer>> heldOutSources = new HashSet<>();

  public TaskSplits(TaskConfig config) {
    this.config = config;
    this.generator = new TaskGenerator(config);
    Rng rng = new Rng(config.seed());
    this.heldOut = distinct(rng.fork(), config.minLength(), config.maxLength(), heldOutSources);
    this.generalisation =
        config.hasGeneralisationSplit()
            ? distinct(
                rng.fork(),
                config.maxLength() + 1,
                config.generalisationMaxLength(),
                new HashSet<>())
            : List.of();
  }

  private List<TaskExample> distinct(Rng rng, int lo, int hi, Set<List<Integer>> seen) {
    List<TaskExample> out = new ArrayList<>();
    int misses = 0;
    while (out.size() < config.heldOutSize() && misses < MAX_ATTEMPTS) {
      TaskExample e = generator.sample(rng, lo + rng.nextInt(hi - lo + 1));
      if (seen.add(key(e.source()))) {
        out.add(e);
        misses = 0;
      } else {
        misses++;
      }
    }
    return List.copyOf(out);
  }

  private static List<Integer> key(int[] source) {
    return Arrays.stream(source).boxed().toList();
  }

  public TaskConfig config() {
    return config;
  }

  public TaskVocabulary vocabulary() {
    return new TaskVocabulary(config);
  }

  public TaskGenerator generator() {
    return generator;
  }

  /** Held-out examples with training lengths, disjoint from training (by source). */
  public List<TaskExample> heldOut() {
    return heldOut;
  }

  /** Examples longer than any training example; empty without a generalisation range. */
  public List<TaskExample> generalisation() {
    return generalisation;
  }

  /** Whether {@code source} is in the held-out set. */
  public boolean isHeldOut(int[] source) {
    return heldOutSources.contains(key(source));
  }

  /** A random training example: lengths uniform in [minLength, maxLength], never held out. */
  public TaskExample sampleTraining(Rng rng) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int length = config.minLength() + rng.nextInt(config.maxLength() - config.minLength() + 1);
      TaskExample e = generator.sample(rng, length);
      if (!heldOutSources.contains(key(e.source()))) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            "task %s: the held-out set (%d) covers nearly every source of lengths %d-%d with %d"
                + " symbols; use a smaller heldOutSize or a larger vocabSize or length range",
            config.kind().label(),
            heldOut.size(),
            config.minLength(),
            config.maxLength(),
            config.vocabSize()));
  }

  /**
   * {@code count} training examples from {@code rng}, e.g. a fixed set to measure train accuracy.
   */
  public List<TaskExample> sampleTraining(Rng rng, int count) {
    List<TaskExample> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sampleTraining(rng));
    }
    return out;
  }
}
