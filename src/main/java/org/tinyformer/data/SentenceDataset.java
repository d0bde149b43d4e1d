package org.tinyformer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Sentences as {@code <bos> words <eos>} id sequences, batched with dynamic padding (each batch
 * padded to its longest sentence, targets {@link Padding#IGNORE_INDEX} on padding). Usage: {@code
 * SentenceDataset.of(lines, tokenizer, 33).sampler(16, 1337).next()}.
 */
public final class SentenceDataset {
  private final List<int[]> sequences; // each (n,) with <bos> first and <eos> last
  private final int padId;

  /** Sequences already framed with BOS/EOS; {@code padId} fills inputs beyond a sentence's end. */
  public SentenceDataset(List<int[]> sequences, int padId) {
    Checks.check(!sequences.isEmpty(), "sentence dataset: expected sentences, got none");
    this.sequences = List.copyOf(sequences);
    this.padId = padId;
  }

  /**
   * Encodes each non-blank line as {@code <bos> ids <eos>} with the tokenizer's {@code <bos>},
   * {@code <eos>} and {@code <pad>}; a sentence longer than {@code maxLength} tokens (framing
   * included) is cut to its first {@code maxLength} tokens, so it fits a context of {@code
   * maxLength - 1}.
   */
  public static SentenceDataset of(Iterable<String> lines, Tokenizer tokenizer, int maxLength) {
    Checks.check(maxLength >= 2, "sentence dataset: maxLength must be >= 2, got %d", maxLength);
    int bos = special(tokenizer, "<bos>");
    int eos = special(tokenizer, "<eos>");
    int pad = special(tokenizer, "<pad>");
    List<int[]> sequences = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      int[] ids = tokenizer.encode(line);
      int n = Math.min(ids.length + 2, maxLength);
      int[] seq = new int[n];
      seq[0] = bos;
      System.arraycopy(ids, 0, seq, 1, Math.min(ids.length, n - 1));
      if (ids.length + 2 <= maxLength) {
        seq[n - 1] = eos;
      }
      sequences.add(seq);
    }
    return new SentenceDataset(sequences, pad);
  }

  private static int special(Tokenizer tokenizer, String name) {
    Map<String, Integer> specials = tokenizer.specialTokens();
    Checks.check(
        specials.containsKey(name),
        "sentence dataset: the %s tokenizer has no %s token; use a word tokenizer",
        tokenizer.type(),
        name);
    return specials.get(name);
  }

  /** Number of sentences. */
  public int size() {
    return sequences.size();
  }

  /** Sentence {@code i} with its framing. */
  public int[] sequence(int i) {
    return sequences.get(i).clone();
  }

  /** The first {@code round(fraction * size)} sentences and the rest, in order. */
  public SentenceDataset[] split(double fraction) {
    int n = (int) (fraction * sequences.size());
    Checks.check(
        n > 0 && n < sequences.size(),
        "sentence dataset: a %s split of %d sentences leaves one side empty",
        fraction,
        sequences.size());
    return new SentenceDataset[] {
      new SentenceDataset(sequences.subList(0, n), padId),
      new SentenceDataset(sequences.subList(n, sequences.size()), padId)
    };
  }

  /** All sentences in order, {@code batchSize} at a time (the last batch may be smaller). */
  public List<Batch> inOrder(int batchSize) {
    Checks.check(batchSize > 0, "sentence dataset: batchSize must be positive, got %d", batchSize);
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < sequences.size(); i += batchSize) {
      out.add(Padding.shifted(sequences.subList(i, Math.min(i + batchSize, size())), padId));
    }
    return out;
  }

  /** Endless batches of {@code batchSize} sentences drawn uniformly with replacement. */
  public BatchSource sampler(int batchSize, long seed) {
    Checks.check(batchSize > 0, "sentence dataset: batchSize must be positive, got %d", batchSize);
    Rng rng = new Rng(seed);
    return new BatchSource() {
      @Override
      public Batch next() {
        List<int[]> picked = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
          picked.add(sequences.get(rng.nextInt(sequences.size())));
        }
        return Padding.shifted(picked, padId);
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
}
