package org.tinyformer.data.corpus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tinyformer.base.Checks;
import org.tinyformer.tokenizers.BpeTrainer;
import org.tinyformer.tokenizers.PreTokenizer;

/**
 * Counts the pre-tokenized chunks of a corpus of any size for BPE training: pieces are read in a
 * stream and counted on {@code threads} workers, and only the counts (one entry per distinct chunk)
 * are kept, never the text. Usage: {@code var counts = CorpusChunkCounter.count(files, "text",
 * PreTokenizer.gpt2(), List.of("<|endoftext|>"), 2, progress);}
 */
public final class CorpusChunkCounter {
  /** Reports bytes read and chunks counted so far. */
  public interface Progress {
    void update(long bytesRead, long totalBytes, long chunks);
  }

  /** The counts and how many bytes of text they came from. */
  public record Counts(Map<String, Long> chunks, long textBytes) {}

  private CorpusChunkCounter() {}

  public static Counts count(
      List<Path> files,
      String textField,
      String errors,
      PreTokenizer pre,
      List<String> specialTokens,
      int threads,
      Progress progress)
      throws IOException {
    Checks.check(threads >= 1, "bpe train: threads must be at least 1, got %d", threads);
    Map<String, Long> total = new HashMap<>();
    long textBytes = 0;
    long chunks = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (CorpusReader reader = new CorpusReader(files, 1 << 20, CorpusPosition.START, errors)) {
      ArrayDeque<Future<Map<String, Integer>>> pending = new ArrayDeque<>();
      for (CorpusPiece piece = reader.next(); ; piece = reader.next()) {
        if (piece != null) {
          CorpusPiece p = piece;
          textBytes += p.bytes().length;
          pending.add(pool.submit(() -> countPiece(p, textField, pre, specialTokens)));
        }
        while (!pending.isEmpty() && (piece == null || pending.size() >= 2 * threads)) {
          for (var e : get(pending.poll()).entrySet()) {
            total.merge(e.getKey(), (long) e.getValue(), Long::sum);
            chunks += e.getValue();
          }
          progress.update(reader.bytesRead(), reader.totalBytes(), chunks);
        }
        if (piece == null) {
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Counts(total, textBytes);
  }

  private static Map<String, Integer> countPiece(
      CorpusPiece p, String textField, PreTokenizer pre, List<String> specialTokens) {
    List<String> docs = p.documents(textField);
    if (docs.size() == 1) {
      return BpeTrainer.countChunks(docs.get(0), pre, specialTokens);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String d : docs) {
      BpeTrainer.countChunks(d, pre, specialTokens)
          .forEach((k, v) -> counts.merge(k, v, Integer::sum));
    }
    return counts;
  }

  private static Map<String, Integer> get(Future<Map<String, Integer>> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("bpe train: interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }
}
