package org.tinyformer.data.shards;

import java.io.IOException;
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
 * tokens), with the token offsets where documents start. Validation holds out whole documents.
 *
 * <p>{@code var d = ShardDirectory.open(dir); TrainValSplit s = d.split(0.1);}
 */
public final class ShardDirectory implements TokenStream {
  private final Path dir;
  private final ShardIndex index;
  private final TokenShard[] shards;
  private final long[] firstToken; // (shards + 1) cumulative token offsets
  private final long[] documentStarts; // global token offsets, ascending

  private ShardDirectory(Path dir, ShardIndex index, TokenShard[] shards, long[] documentStarts) {
    this.dir = dir;
    this.index = index;
    this.shards = shards;
    this.documentStarts = documentStarts;
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
    long[] starts = new long[(int) index.documents()];
    int d = 0;
    long base = 0;
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
      d = readStarts(dir.resolve(info.documentsFile()), info, base, starts, d);
      base += info.tokens();
    }
    return new ShardDirectory(dir, index, shards, starts);
  }

  private static int readStarts(Path file, ShardIndex.Shard info, long base, long[] out, int d)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Checks.check(
        bytes.length == 4 * info.documents(),
        "shard directory: %s has %d bytes, expected 4 per document for %d documents",
        file,
        bytes.length,
        info.documents());
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < info.documents(); i++) {
      out[d++] = base + Integer.toUnsignedLong(b.getInt());
    }
    return d;
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

  /** Token offsets at which documents start, ascending (a copy). */
  public long[] documentStarts() {
    return documentStarts.clone();
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
    int docs = documentStarts.length;
    if (docs < 2) {
      return TrainValSplit.of(this, 1.0 - valFraction);
    }
    int valDocs = (int) Math.max(1, Math.round(valFraction * docs));
    long cut = documentStarts[Math.max(1, docs - valDocs)];
    return new TrainValSplit(slice(0, cut), slice(cut, size()));
  }
}
