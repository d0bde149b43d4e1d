package org.tinyformer.tokenizers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.tinyformer.base.Checks;

/**
 * Learns byte-level BPE merges (Sennrich et al. 2016; GPT-2's byte alphabet): repeatedly joins the
 * most frequent adjacent pair, ties going to the lexicographically greater pair of byte strings.
 * Pair counts are updated incrementally: a merge recounts only the words that contain the pair, and
 * a max-heap with lazy invalidation finds the next pair.
 *
 * <p>{@code BpeTokenizer t = BpeTrainer.train(text, 4096, PreTokenizer.gpt2(), List.of(), 2);}
 */
public final class BpeTrainer {
  private final BpePairStats stats = new BpePairStats();
  private final List<byte[]> tokens = new ArrayList<>();
  private final Map<String, Integer> idOfBytes = new HashMap<>();
  private final List<int[]> merges = new ArrayList<>();
  private int[][] words;
  private int[] lengths;
  private long[] counts;
  private int[] wordStamp;

  private BpeTrainer() {}

  /**
   * Trains on {@code text} to {@code vocabSize} ids (256 bytes + merges + the special tokens, which
   * come last). Stops early when no pair is left. Counting chunks uses {@code threads}.
   */
  public static BpeTokenizer train(
      String text, int vocabSize, PreTokenizer pre, List<String> specialTokens, int threads) {
    checkVocabSize(vocabSize, specialTokens);
    return train(
        BpeChunkCounter.count(text, pre, specialTokens, threads), vocabSize, pre, specialTokens);
  }

  /**
   * Trains from counts of pre-tokenized chunks ({@link #countChunks}, summed over a corpus of any
   * size) instead of the text: the same tokenizer {@link #train(String, int, PreTokenizer, List,
   * int)} gives on text with these counts.
   */
  public static BpeTokenizer train(
      Map<String, ? extends Number> chunkCounts,
      int vocabSize,
      PreTokenizer pre,
      List<String> specialTokens) {
    checkVocabSize(vocabSize, specialTokens);
    BpeTrainer trainer = new BpeTrainer();
    trainer.init(chunkCounts);
    trainer.mergeUntil(vocabSize - specialTokens.size());
    return trainer.toTokenizer(specialTokens, pre);
  }

  private static void checkVocabSize(int vocabSize, List<String> specialTokens) {
    int base = 256 + specialTokens.size();
    Checks.check(
        vocabSize >= base,
        "bpe train: vocab size must be at least 256 + %d special tokens = %d, got %d",
        specialTokens.size(),
        base,
        vocabSize);
  }

  /**
   * The chunks of {@code text} with their counts, special tokens cut out first (no merge crosses
   * one); one thread. Sum these over pieces of a corpus and pass the sum to {@link #train(Map, int,
   * PreTokenizer, List)}.
   */
  public static Map<String, Integer> countChunks(
      String text, PreTokenizer pre, List<String> specialTokens) {
    return BpeChunkCounter.count(text, pre, specialTokens, 1);
  }

  private void init(Map<String, ? extends Number> chunkCounts) {
    for (int b = 0; b < 256; b++) {
      addToken(new byte[] {(byte) b});
    }
    int n = chunkCounts.size();
    words = new int[n][];
    lengths = new int[n];
    counts = new long[n];
    wordStamp = new int[n];
    Arrays.fill(wordStamp, -1);
    int w = 0;
    for (var e : chunkCounts.entrySet()) {
      byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
      words[w] = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        words[w][i] = bytes[i] & 0xFF;
      }
      lengths[w] = bytes.length;
      counts[w] = e.getValue().longValue();
      for (int i = 0; i + 1 < bytes.length; i++) {
        int slot = stats.slot(words[w][i], words[w][i + 1]);
        stats.add(slot, counts[w]);
        stats.addWord(slot, w);
      }
      w++;
    }
  }

  private int addToken(byte[] bytes) {
    String key = new String(bytes, StandardCharsets.ISO_8859_1);
    Integer id = idOfBytes.get(key);
    if (id != null) {
      return id; // the same bytes reached by another pair of tokens keep one id
    }
    tokens.add(bytes);
    idOfBytes.put(key, tokens.size() - 1);
    return tokens.size() - 1;
  }

  /** Max-heap order: count, then left bytes, then right bytes, all descending. */
  private int compare(long[] x, long[] y) {
    if (x[0] != y[0]) {
      return Long.compare(y[0], x[0]);
    }
    int a = (int) x[1];
    int b = (int) y[1];
    int c = Arrays.compareUnsigned(tokens.get(stats.left(b)), tokens.get(stats.left(a)));
    return c != 0
        ? c
        : Arrays.compareUnsigned(tokens.get(stats.right(b)), tokens.get(stats.right(a)));
  }

  private void mergeUntil(int targetTokens) {
    PriorityQueue<long[]> heap = new PriorityQueue<>(this::compare);
    for (int s = 0; s < stats.size(); s++) {
      if (stats.count(s) > 0) {
        heap.add(new long[] {stats.count(s), s});
      }
    }
    while (tokens.size() < targetTokens && !heap.isEmpty()) {
      long[] top = heap.poll();
      int slot = (int) top[1];
      long current = stats.count(slot);
      if (top[0] != current) {
        if (current > 0) {
          heap.add(new long[] {current, slot}); // stale entry: counts only ever fall
        }
        continue;
      }
      for (int s : merge(slot)) {
        heap.add(new long[] {stats.count(s), s});
      }
    }
  }

  /** Applies the merge of {@code slot}'s pair to every word holding it; returns new pair slots. */
  private List<Integer> merge(int slot) {
    int a = stats.left(slot);
    int b = stats.right(slot);
    byte[] joined = concat(tokens.get(a), tokens.get(b));
    int id = addToken(joined);
    merges.add(new int[] {a, b, id});
    int stamp = merges.size();
    List<Integer> created = new ArrayList<>();
    for (int w : stats.words(slot)) {
      if (wordStamp[w] == stamp || !contains(w, a, b)) {
        continue;
      }
      wordStamp[w] = stamp;
      int[] s = words[w];
      for (int i = 0; i + 1 < lengths[w]; i++) {
        stats.add(stats.slot(s[i], s[i + 1]), -counts[w]);
      }
      int n = 0;
      for (int i = 0; i < lengths[w]; i++) {
        boolean hit = i + 1 < lengths[w] && s[i] == a && s[i + 1] == b;
        s[n++] = hit ? id : s[i];
        i += hit ? 1 : 0;
      }
      lengths[w] = n;
      for (int i = 0; i + 1 < n; i++) {
        int p = stats.slot(s[i], s[i + 1]);
        stats.add(p, counts[w]);
        if (s[i] == id || s[i + 1] == id) {
          stats.addWord(p, w);
          created.add(p);
        }
      }
    }
    stats.clearWords(slot);
    return created.stream().distinct().filter(p -> stats.count(p) > 0).toList();
  }

  private boolean contains(int w, int a, int b) {
    int[] s = words[w];
    for (int i = 0; i + 1 < lengths[w]; i++) {
      if (s[i] == a && s[i + 1] == b) {
        return true;
      }
    }
    return false;
  }

  private static byte[] concat(byte[] x, byte[] y) {
    byte[] out = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  private BpeTokenizer toTokenizer(List<String> specialTokens, PreTokenizer pre) {
    Map<String, Integer> specials = new LinkedHashMap<>();
    for (String s : specialTokens) {
      tokens.add(s.getBytes(StandardCharsets.UTF_8));
      specials.put(s, tokens.size() - 1);
    }
    int[] left = new int[merges.size()];
    int[] right = new int[merges.size()];
    int[] merged = new int[merges.size()];
    for (int r = 0; r < merges.size(); r++) {
      left[r] = merges.get(r)[0];
      right[r] = merges.get(r)[1];
      merged[r] = merges.get(r)[2];
    }
    return new BpeTokenizer(
        tokens.toArray(new byte[0][]), new BpeMerges(left, right, merged), specials, pre);
  }
}
