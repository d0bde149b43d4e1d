package org.tinyformer.tokenizers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tinyformer.base.Checks;

/**
 * Counts the pre-tokenized chunks of a training corpus: special tokens are cut out first (no merge
 * may cross them), then each part is pre-tokenized, in parallel when the pattern allows cutting the
 * text ({@link BpeTextSplitter}).
 */
final class BpeChunkCounter {
  private BpeChunkCounter() {}

  /** Chunk text to number of occurrences. */
  static Map<String, Integer> count(
      String text, PreTokenizer pre, List<String> specialTokens, int threads) {
    Checks.check(threads >= 1, "bpe train: threads must be at least 1, got %d", threads);
    Map<String, Integer> ids = new LinkedHashMap<>();
    specialTokens.forEach(s -> ids.put(s, ids.size()));
    List<String> parts = new ArrayList<>();
    int partLength = Math.max(1 << 15, text.length() / (threads * 4) + 1);
    for (BpeSpecialTokens.Piece p : new BpeSpecialTokens(ids).split(text, true)) {
      if (p.special()) {
        continue;
      }
      parts.addAll(
          pre.splitsBeforeSpace()
              ? BpeTextSplitter.split(p.text(), partLength)
              : List.of(p.text()));
    }
    if (threads == 1 || parts.size() == 1) {
      Map<String, Integer> counts = new HashMap<>();
      parts.forEach(part -> countInto(counts, part, pre));
      return counts;
    }
    return countParallel(parts, pre, threads);
  }

  private static Map<String, Integer> countParallel(
      List<String> parts, PreTokenizer pre, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Map<String, Integer>>> futures = new ArrayList<>();
      int perTask = (parts.size() + threads - 1) / threads;
      for (int t = 0; t < parts.size(); t += perTask) {
        List<String> mine = parts.subList(t, Math.min(parts.size(), t + perTask));
        futures.add(
            pool.submit(
                () -> {
                  Map<String, Integer> counts = new HashMap<>();
                  mine.forEach(part -> countInto(counts, part, pre));
                  return counts;
                }));
      }
      Map<String, Integer> total = futures.get(0).get();
      for (int i = 1; i < futures.size(); i++) {
        futures.get(i).get().forEach((k, v) -> total.merge(k, v, Integer::sum));
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bpe train: interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void countInto(Map<String, Integer> counts, String text, PreTokenizer pre) {
    pre.forEachChunk(text, chunk -> counts.merge(chunk, 1, Integer::sum));
  }
}
