package org.tinyformer.data.shards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.data.TokenShard;
import org.tinyformer.data.TokenStream;
import org.tinyformer.data.TrainValSplit;

/**
 * A finished shard directory read back: every shard memory-mapped, seen as one token stream in
 * corpus order (a window may run from one shard into the next, so windows are uniform over all
 * tokens), with the token offsets where documents start (read from the {@code .docs} files when
 * needed, not held). Validation holds out whole documents.
 *
 * <p>{@code var d = ShardDirectory.open(dir); TrainValSplit s = d.split(0.1);}
 */
public final class ShardDirectory implements TokenStream {
  private final Path dir;
  private final ShardIndex index;
  private final TokenShard[] shards;
  private final long[] firstToken; // (shards + 1) cumulative token offsets

  private ShardDirectory(Path dir, ShardIndex index, TokenShard[] shards) {
    this.dir = dir;
    this.index = index;
    this.shards = shards;
    this.firstToken = new long[shards.length + 1];
    for (int s = 0; s < shards.length; s++) {
      firstToken[s + 1] = firstToken[s] + shards[s].size();
    }
  }

  /** Opens a complete directory written by {@link Pretokenizer}. */
  public static ShardDirectory open(Path dir) throws IOException {
    ShardIndex index = ShardIndex.read(dir);
    Checks.check(
        index.complete(),
        "shard directory %s is incomplete (%d shards so far): run the same 'tinyformer tokenizer"
            + " pretokenize' command again to finish it",
        dir,
        index.shards().size());
    TokenShard[] shards = new TokenShard[index.shards().size()];
    for (int s = 0; s < shards.length; s++) {
      ShardIndex.Shard info = index.shards().get(s);
      shards[s] = TokenShard.open(dir.resolve(info.file()));
      Checks.check(
          shards[s].size() == info.tokens() && shards[s].vocabSize() == index.vocabSize(),
          "shard directory %s: %s has %d tokens for %d ids, the index says %d tokens for %d ids",
          dir,
          info.file(),
          shards[s].size(),
          shards[s].vocabSize(),
          info.tokens(),
          index.vocabSize());
      Path docs = dir.resolve(info.documentsFile());
      Checks.check(
          Files.size(docs) == 4 * info.documents(),
          "shard directory: %s has %d bytes, expected 4 per document for %d documents",
          docs,
          Files.size(docs),
          info.documents());
    }
    return new ShardDirectory(dir, index, shards);
  }

  /** The token offsets at which the documents of shard {@code s} start (global, ascending). */
  private long[] starts(int s) {
    ShardIndex.Shard info = index.shards().get(s);
    try {
      ByteBuffer b =
          ByteBuffer.wrap(Files.readAllBytes(dir.resolve(info.documentsFile())))
              .order(ByteOrder.LITTLE_ENDIAN);
      long[] out = new long[(int) info.documents()];
      for (int i = 0; i < out.length; i++) {
        out[i] = firstToken[s] + Integer.toUnsignedLong(b.getInt());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ShardIndex index() {
    return index;
  }

  public Path path() {
    return dir;
  }

  /** The tokenizer file the shards were written with. */
  public Path tokenizerFile() {
    return dir.resolve(ShardIndex.TOKENIZER_FILE);
  }

  public int shardCount() {
    return shards.length;
  }

  /** Token offsets at which documents start, ascending (read from the {@code .docs} files). */
  public long[] documentStarts() {
    return java.util.stream.IntStream.range(0, shards.length)
        .mapToObj(this::starts)
        .flatMapToLong(java.util.Arrays::stream)
        .toArray();
  }

  /** The token offset where document {@code k} starts; reads one shard's {@code .docs}. */
  private long documentStart(long k) {
    for (int s = 0; s < shards.length; s++) {
      long n = index.shards().get(s).documents();
      if (k < n) {
        return starts(s)[(int) k];
      }
      k -= n;
    }
    throw new IndexOutOfBoundsException("shard directory: no document " + k);
  }

  @Override
  public long size() {
    return firstToken[shards.length];
  }

  @Override
  public int get(long i) {
    int s = shardOf(i);
    return shards[s].get(i - firstToken[s]);
  }

  @Override
  public void read(long start, int[] dst, int offset, int length) {
    Checks.check(
        start >= 0 && length >= 0 && start + length <= size(),
        "shard directory: range %d..%d out of 0..%d",
        start,
        start + length,
        size());
    while (length > 0) {
      int s = shardOf(start);
      int n = (int) Math.min(length, firstToken[s + 1] - start);
      shards[s].read(start - firstToken[s], dst, offset, n);
      start += n;
      offset += n;
      length -= n;
    }
  }

  private int shardOf(long i) {
    int s = Arrays.binarySearch(firstToken, i);
    s = s >= 0 ? s : -s - 2;
    while (s < shards.length - 1 && firstToken[s + 1] == i) {
      s++; // skip empty shards
    }
    return s;
  }

  /**
   * Training and validation parts that never overlap: the last {@code valFraction} of the documents
   * (at least one) validate; a corpus of a single document splits its tokens as the single-file
   * path does ({@link TrainValSplit#of}).
   */
  public TrainValSplit split(double valFraction) {
    Checks.check(
        valFraction > 0 && valFraction < 1,
        "shard directory: validation fraction must be in (0, 1), got %s",
        valFraction);
    long docs = index.documents();
    if (docs < 2) {
      return TrainValSplit.of(this, 1.0 - valFraction);
    }
    long valDocs = Math.max(1, Math.round(valFraction * docs));
    long cut = documentStart(Math.max(1, docs - valDocs));
    return new TrainValSplit(slice(0, cut), slice(cut, size()));
  }
}
