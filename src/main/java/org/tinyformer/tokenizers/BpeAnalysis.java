package org.tinyformer.tokenizers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyformer.base.Checks;

/**
 * Measures tokenizers on one corpus: bytes per token (compression), vocabulary utilisation (ids
 * used at all), the share of used ids seen fewer than N times, and tokens per document; compares
 * char, word and BPE of several sizes and recommends a BPE size at the knee of compression against
 * vocabulary size.
 */
public final class BpeAnalysis {
  /**
   * Below this gain in bytes per token per doubling of the vocabulary, a larger BPE is not worth
   * it.
   */
  public static final double KNEE_GAIN = 0.10;

  /** Below this share of ids seen fewer than N times, the embedding rows still get trained. */
  public static final double MAX_RARE_SHARE = 0.30;

  /** One tokenizer's numbers; document lengths are in tokens. */
  public record Row(
      String name,
      int vocabSize,
      long tokens,
      double bytesPerToken,
      double utilisation,
      double rareShare,
      int[] documentLengths) {
    /** The {@code q}-quantile (0..1) of document lengths. */
    public int lengthQuantile(double q) {
      int[] sorted = documentLengths.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
    }
  }

  /** A recommended BPE vocabulary size and the reason, in one sentence. */
  public record Recommendation(int vocabSize, String reason) {}

  private BpeAnalysis() {}

  /**
   * The documents of a corpus: the text between {@code <|endoftext|>} tokens when it has them, else
   * its paragraphs (split at blank lines).
   */
  public static List<String> documents(String text) {
    String[] parts =
        text.contains(Gpt2BpeFiles.END_OF_TEXT)
            ? text.split(java.util.regex.Pattern.quote(Gpt2BpeFiles.END_OF_TEXT))
            : text.split("\\n\\s*\\n");
    List<String> docs = new ArrayList<>();
    for (String p : parts) {
      if (!p.isBlank()) {
        docs.add(p);
      }
    }
    return docs;
  }

  /**
   * Measures {@code tokenizer} on {@code documents}; ids seen fewer than {@code rare} times count
   * as rare.
   */
  public static Row measure(String name, Tokenizer tokenizer, List<String> documents, int rare) {
    Checks.check(!documents.isEmpty(), "analyze: the corpus has no documents");
    List<int[]> encoded =
        tokenizer instanceof BpeTokenizer bpe
            ? bpe.encodeBatch(documents, Runtime.getRuntime().availableProcessors())
            : documents.stream().map(tokenizer::encode).toList();
    long[] counts = new long[tokenizer.vocabSize()];
    long tokens = 0;
    long bytes = 0;
    int[] lengths = new int[documents.size()];
    for (int d = 0; d < documents.size(); d++) {
      for (int id : encoded.get(d)) {
        counts[id]++;
      }
      lengths[d] = encoded.get(d).length;
      tokens += lengths[d];
      bytes += documents.get(d).getBytes(StandardCharsets.UTF_8).length;
    }
    int used = 0;
    int rareIds = 0;
    for (long c : counts) {
      used += c > 0 ? 1 : 0;
      rareIds += c > 0 && c < rare ? 1 : 0;
    }
    int v = tokenizer.vocabSize();
    double rareShare = used == 0 ? 0 : (double) rareIds / used;
    return new Row(name, v, tokens, (double) bytes / tokens, (double) used / v, rareShare, lengths);
  }

  /**
   * Char, word and BPE rows for {@code text}: BPE is trained once at the largest of {@code
   * bpeSizes} and cut to each smaller size (BPE merges are a prefix of any longer run).
   */
  public static List<Row> compare(String text, int[] bpeSizes, int rare, int threads) {
    List<String> docs = documents(text);
    List<Row> rows = new ArrayList<>();
    rows.add(measure("char", CharTokenizer.fit(text), docs, rare));
    rows.add(measure("word", WordTokenizer.fit(docs, 1, 0), docs, rare));
    int max = Arrays.stream(bpeSizes).max().orElseThrow();
    BpeTokenizer full = BpeTrainer.train(text, max, PreTokenizer.gpt2(), List.of(), threads);
    for (int size : Arrays.stream(bpeSizes).sorted().toArray()) {
      Checks.check(size >= 256, "analyze: bpe vocab sizes must be >= 256, got %d", size);
      int merges = Math.min(full.merges().size(), size - 256);
      rows.add(measure("bpe-" + size, truncate(full, merges), docs, rare));
    }
    return rows;
  }

  /** The first {@code merges} merges of {@code t} with the tokens they make. */
  static BpeTokenizer truncate(BpeTokenizer t, int merges) {
    BpeMerges prefix = t.merges().prefix(merges);
    int size = 256;
    for (int r = 0; r < merges; r++) {
      size = Math.max(size, prefix.merged(r) + 1);
    }
    byte[][] vocab = new byte[size][];
    for (int id = 0; id < size; id++) {
      vocab[id] = t.tokenBytes(id);
    }
    return new BpeTokenizer(vocab, prefix, java.util.Map.of(), t.preTokenizer());
  }

  /**
   * The knee: the largest BPE size whose step up from the previous size still gained at least
   * {@link #KNEE_GAIN} bytes per token per doubling while at most {@link #MAX_RARE_SHARE} of its
   * ids are rare.
   */
  public static Recommendation recommend(List<Row> rows, int rare) {
    List<Row> bpe = rows.stream().filter(r -> r.name().startsWith("bpe-")).toList();
    Checks.check(!bpe.isEmpty(), "analyze: no bpe rows to recommend from");
    Row best = bpe.get(0);
    String stop = "it is the smallest size measured";
    for (int i = 1; i < bpe.size(); i++) {
      Row prev = bpe.get(i - 1);
      Row r = bpe.get(i);
      double doublings = Math.log((double) r.vocabSize() / prev.vocabSize()) / Math.log(2);
      double gain = (r.bytesPerToken() / prev.bytesPerToken() - 1) / Math.max(doublings, 1e-9);
      if (gain < KNEE_GAIN) {
        stop =
            String.format(
                "going to %d gains only %.1f%% bytes/token per doubling",
                r.vocabSize(), 100 * gain);
        break;
      }
      if (r.rareShare() > MAX_RARE_SHARE) {
        stop =
            String.format(
                "at %d, %.0f%% of ids are seen fewer than %d times (too rare to train)",
                r.vocabSize(), 100 * r.rareShare(), rare);
        break;
      }
      best = r;
      stop = "it is the largest size measured and still gains";
    }
    return new Recommendation(
        best.vocabSize(),
        String.format("%.2f bytes/token at %d; %s", best.bytesPerToken(), best.vocabSize(), stop));
  }

  /**
   * Counts of {@code lengths} in power-of-two buckets: bucket k holds lengths in [2^k, 2^(k+1)).
   */
  public static int[] histogram(int[] lengths) {
    int[] buckets = new int[32];
    int top = 0;
    for (int n : lengths) {
      int k = n == 0 ? 0 : 31 - Integer.numberOfLeadingZeros(n);
      buckets[k]++;
      top = Math.max(top, k);
    }
    return Arrays.copyOf(buckets, top + 1);
  }
}
