package org.tinyformer.data.shards;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.tinyformer.data.corpus.CorpusPiece;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Encodes a {@link CorpusPiece} into ids and the places where its documents end. A document ends
 * after an end-of-text id inside the text, after each JSONL line and at the end of each file; the
 * tokenizer's end-of-text id ({@code <|endoftext|>}, else {@code <eos>}) is appended to a document
 * that does not already end with it, so documents stay separated in the stream. Thread-safe.
 */
final class DocumentEncoder {
  /**
   * The ids of a piece, the (exclusive) offsets at which its documents end (ascending), and the CPU
   * time the encoding thread spent on it (wall time would count waiting on a busy machine).
   */
  record Encoded(int[] ids, int[] documentEnds, long encodeCpuNanos) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Tokenizer tokenizer;
  private final String textField;
  private final int endOfText;

  DocumentEncoder(Tokenizer tokenizer, boolean allowSpecial, String textField) {
    this.tokenizer =
        tokenizer instanceof BpeTokenizer bpe ? bpe.withAllowSpecial(allowSpecial) : tokenizer;
    this.textField = textField;
    this.endOfText = endOfTextId(tokenizer);
  }

  /** The id that separates documents: {@code <|endoftext|>}, else {@code <eos>}, else -1. */
  static int endOfTextId(Tokenizer t) {
    Integer id = t.specialTokens().get("<|endoftext|>");
    if (id == null) {
      id = t.specialTokens().get("<eos>");
    }
    return id == null ? -1 : id;
  }

  int endOfText() {
    return endOfText;
  }

  Encoded encode(CorpusPiece piece) {
    long start = THREADS.getCurrentThreadCpuTime();
    List<String> docs = piece.documents(textField);
    int[] ids = new int[64];
    int[] ends = new int[8];
    int n = 0;
    int e = 0;
    for (int d = 0; d < docs.size(); d++) {
      int[] part = tokenizer.encode(docs.get(d));
      if (n + part.length + 1 > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 2, n + part.length + 1));
      }
      System.arraycopy(part, 0, ids, n, part.length);
      int from = n;
      n += part.length;
      boolean whole = d < docs.size() - 1 || piece.endsDocument();
      if (whole && endOfText >= 0 && (n == from || ids[n - 1] != endOfText)) {
        ids[n++] = endOfText;
      }
      for (int i = from; i < n; i++) {
        if (ids[i] == endOfText || (whole && i == n - 1)) {
          if (e == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
          }
          ends[e++] = i + 1;
        }
      }
      if (whole && n == from) {
        ends = e == ends.length ? Arrays.copyOf(ends, ends.length * 2) : ends;
        ends[e++] = n; // an empty document without an end-of-text id still ends here
      }
    }
    return new Encoded(
        Arrays.copyOf(ids, n), Arrays.copyOf(ends, e), THREADS.getCurrentThreadCpuTime() - start);
  }
}
