package org.tinyformer.data.shards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tinyformer.data.TokenShardHeader;
import org.tinyformer.data.corpus.CorpusPiece;
import org.tinyformer.data.corpus.CorpusPosition;
import org.tinyformer.data.corpus.CorpusReader;
import org.tinyformer.data.download.Downloader;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Tokenizes a corpus of any size into a shard directory: one thread reads bounded pieces and writes
 * ids in corpus order, {@code threads} workers encode; at most {@code 2 * threads} pieces are in
 * flight, so memory does not grow with the corpus. A directory left by an interrupted run keeps its
 * finished shards: the run resumes at the piece its index names.
 *
 * <p>{@code Pretokenizer.run(files, tokenizer, Path.of("shards"), settings, progress)}
 */
public final class Pretokenizer {
  /**
   * What a run did: shards kept from before, tokens written, text bytes encoded (decompressed),
   * wall seconds and the encoding threads' summed CPU seconds.
   */
  public record Result(
      ShardIndex index,
      int shardsKept,
      long tokensWritten,
      long textBytes,
      double seconds,
      double encodeCpuSeconds) {}

  private Pretokenizer() {}

  /** Tokenizes {@code files} into {@code dir} (created, or resumed when it holds an index). */
  public static Result run(
      List<Path> files,
      Tokenizer tokenizer,
      Path dir,
      PretokenizeSettings settings,
      PretokenizeProgress progress)
      throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(dir);
    ShardIndex index = start(files, tokenizer, dir, settings);
    int kept = index.shards().size();
    if (index.complete()) {
      return new Result(index, kept, 0, 0, 0, 0);
    }
    DocumentEncoder encoder =
        new DocumentEncoder(tokenizer, settings.allowSpecial(), settings.textField());
    ShardSink sink = new ShardSink(dir, index, progress);
    ShardIndex.Resume resume = index.resume();
    CorpusPosition from = resume == null ? CorpusPosition.START : resume.position();
    long encodeNanos = 0;
    long textBytes = 0;
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    try (CorpusReader reader =
        new CorpusReader(files, settings.pieceBytes(), from, settings.errors())) {
      ArrayDeque<Pending> pending = new ArrayDeque<>();
      int skip = resume == null ? 0 : (int) resume.skip();
      progress.update(reader.bytesRead(), reader.totalBytes(), sink.index().tokens());
      for (CorpusPiece piece = reader.next(); ; piece = reader.next()) {
        if (piece != null) {
          CorpusPiece p = piece;
          textBytes += p.bytes().length;
          pending.add(new Pending(p.start(), pool.submit(() -> encoder.encode(p))));
        }
        while (!pending.isEmpty() && (piece == null || pending.size() >= 2 * settings.threads())) {
          Pending head = pending.poll();
          DocumentEncoder.Encoded e = get(head.encoded());
          encodeNanos += e.encodeCpuNanos();
          sink.write(e, head.start(), skip);
          skip = 0;
          progress.update(reader.bytesRead(), reader.totalBytes(), sink.index().tokens());
        }
        if (piece == null) {
          break;
        }
      }
      sink.finish();
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(sink.index(), kept, sink.written(), textBytes, seconds, encodeNanos / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Pending(CorpusPosition start, Future<DocumentEncoder.Encoded> encoded) {}

  private static DocumentEncoder.Encoded get(Future<DocumentEncoder.Encoded> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("pretokenize: interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /** A fresh index, or the existing one when it was written for the same source. */
  private static ShardIndex start(
      List<Path> files, Tokenizer tokenizer, Path dir, PretokenizeSettings settings)
      throws IOException {
    Path tokenizerTmp = dir.resolve(ShardIndex.TOKENIZER_FILE + ".tmp");
    tokenizer.save(tokenizerTmp);
    List<ShardIndex.Input> inputs = new ArrayList<>();
    for (Path f : files) {
      inputs.add(
          new ShardIndex.Input(
              f.toAbsolutePath().normalize().toString(),
              Files.size(f),
              Files.getLastModifiedTime(f).toMillis()));
    }
    ShardIndex.Source source =
        new ShardIndex.Source(
            inputs,
            Downloader.sha256(tokenizerTmp),
            settings.shardTokens(),
            settings.maxLength(),
            settings.textField(),
            settings.allowSpecial(),
            settings.errors(),
            settings.pieceBytes());
    Files.move(
        tokenizerTmp,
        dir.resolve(ShardIndex.TOKENIZER_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    if (ShardIndex.isShardDirectory(dir)) {
      ShardIndex old = ShardIndex.read(dir);
      if (!old.source().equals(source)) {
        throw new IllegalArgumentException(
            "pretokenize: "
                + dir
                + " holds shards of other inputs, another tokenizer or other settings;"
                + " pass a new --out directory or delete this one");
      }
      return old;
    }
    int vocab = tokenizer.vocabSize();
    int width = TokenShardHeader.bytesPerTokenFor(vocab);
    ShardIndex fresh =
        new ShardIndex(
            ShardIndex.FORMAT,
            ShardIndex.VERSION,
            source,
            width == 2 ? "uint16" : "uint32",
            vocab,
            DocumentEncoder.endOfTextId(tokenizer),
            List.of(),
            null,
            false);
    fresh.write(dir);
    return fresh;
  }
}
