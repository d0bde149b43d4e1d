package org.tinyformer.data.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * The documents of a corpus one by one: JSONL lines, and in text the parts between {@code
 * <|endoftext|>} markers (a text file without them is one document). {@link #sample} draws a seeded
 * uniform sample of N documents in one pass (reservoir sampling, Vitter's algorithm R), holding
 * only the sample. Usage: {@code CorpusDocuments.sample(files, "text", 10_000, 1337)}.
 */
public final class CorpusDocuments {
  /** The marker that separates documents in text corpora such as TinyStories. */
  public static final String END_OF_TEXT = "<|endoftext|>";

  private CorpusDocuments() {}

  /** Calls {@code action} with each non-blank document of {@code files}, in order. */
  public static void forEach(
      List<Path> files, String textField, String errors, Consumer<String> action)
      throws IOException {
    StringBuilder partial = new StringBuilder();
    try (CorpusReader reader = new CorpusReader(files, 1 << 20, CorpusPosition.START, errors)) {
      for (CorpusPiece p = reader.next(); p != null; p = reader.next()) {
        if (p.format() == CorpusFormat.JSONL) {
          p.documents(textField).stream().filter(d -> !d.isBlank()).forEach(action);
          continue;
        }
        partial.append(p.documents(textField).get(0));
        int start = 0;
        for (int at; (at = partial.indexOf(END_OF_TEXT, start)) >= 0; ) {
          emit(partial.substring(start, at), action);
          start = at + END_OF_TEXT.length();
        }
        partial.delete(0, start);
        if (p.endsFile()) {
          emit(partial.toString(), action);
          partial.setLength(0);
        }
      }
    }
  }

  private static void emit(String doc, Consumer<String> action) {
    if (!doc.isBlank()) {
      action.accept(doc);
    }
  }

  /**
   * {@code n} documents drawn uniformly without replacement, seeded, in corpus order; all of them
   * when the corpus has at most {@code n}.
   */
  public static List<String> sample(
      List<Path> files, String textField, String errors, int n, long seed) throws IOException {
    Checks.check(n >= 1, "corpus sample: --subset must be >= 1, got %d", n);
    Rng rng = new Rng(seed);
    List<String> reservoir = new ArrayList<>();
    List<Long> order = new ArrayList<>();
    long[] seen = {0};
    forEach(
        files,
        textField,
        errors,
        doc -> {
          long i = seen[0]++;
          if (i < n) {
            reservoir.add(doc);
            order.add(i);
          } else {
            long j =
                i < Integer.MAX_VALUE
                    ? rng.nextInt((int) (i + 1))
                    : (rng.nextLong() >>> 1) % (i + 1);
            if (j < n) {
              reservoir.set((int) j, doc);
              order.set((int) j, i);
            }
          }
        });
    List<Integer> idx = new ArrayList<>();
    for (int k = 0; k < reservoir.size(); k++) {
      idx.add(k);
    }
    idx.sort((a, b) -> Long.compare(order.get(a), order.get(b)));
    return idx.stream().map(reservoir::get).toList();
  }
}
