package org.tinyformer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.tinyformer.base.Checks;

/**
 * A {@code tokens.bin} shard read back memory-mapped ({@link TokenShardHeader}): a {@link
 * TokenStream} with random access to token {@code i} without loading the file, in 1 GiB mapped
 * segments so shards may exceed 2 GiB.
 *
 * <p>{@code try (var shard = TokenShard.open(path)) { int first = shard.get(0); }}
 */
public final class TokenShard implements TokenStream, AutoCloseable {
  private static final int SEGMENT_SHIFT = 30;
  private static final long SEGMENT_MASK = (1L << SEGMENT_SHIFT) - 1;

  private final TokenShardHeader header;
  private final MappedByteBuffer[] segments;

  private TokenShard(TokenShardHeader header, MappedByteBuffer[] segments) {
    this.header = header;
    this.segments = segments;
  }

  /** Opens and checks the shard at {@code path}. */
  public static TokenShard open(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      Checks.check(
          size >= TokenShardHeader.SIZE,
          "token shard %s: expected at least a %d-byte header, got %d bytes",
          path,
          TokenShardHeader.SIZE,
          size);
      ByteBuffer head = ByteBuffer.allocate(TokenShardHeader.SIZE);
      ch.read(head, 0);
      TokenShardHeader header = TokenShardHeader.parse(head.flip(), size, path);
      long data = size - TokenShardHeader.SIZE;
      int n = (int) ((data + SEGMENT_MASK) >>> SEGMENT_SHIFT);
      MappedByteBuffer[] segments = new MappedByteBuffer[n];
      for (int s = 0; s < n; s++) {
        long start = TokenShardHeader.SIZE + ((long) s << SEGMENT_SHIFT);
        long length = Math.min(1L << SEGMENT_SHIFT, size - start);
        segments[s] = ch.map(FileChannel.MapMode.READ_ONLY, start, length);
        segments[s].order(ByteOrder.LITTLE_ENDIAN);
      }
      TokenShard shard = new TokenShard(header, segments);
      if (header.vocabSize() > 0) {
        shard.checkIds(header.vocabSize(), path);
      }
      return shard;
    }
  }

  /**
   * Checks once that every id is below {@code vocabSize} (a max-reduction loop the JIT vectorises),
   * so a bad id is reported at open, naming the shard, the token offset and the id, not when a
   * batch happens to contain it hours into a run.
   */
  public void checkIds(int vocabSize, Path path) {
    int[] chunk = new int[1 << 16];
    for (long start = 0; start < size(); start += chunk.length) {
      int n = (int) Math.min(chunk.length, size() - start);
      read(start, chunk, 0, n);
      int max = Integer.MIN_VALUE; // the unsigned maximum, as a signed max of sign-flipped ids
      for (int k = 0; k < n; k++) {
        max = Math.max(max, chunk[k] ^ Integer.MIN_VALUE);
      }
      if (Integer.compareUnsigned(max ^ Integer.MIN_VALUE, vocabSize) >= 0) {
        for (int k = 0; k < n; k++) {
          long id = Integer.toUnsignedLong(chunk[k]);
          Checks.check(
              id < vocabSize,
              "token shard %s: token %d (byte offset %d) is id %d, outside the vocabulary"
                  + " 0..%d",
              path,
              start + k,
              TokenShardHeader.SIZE + (start + k) * header.bytesPerToken(),
              id,
              vocabSize - 1);
        }
      }
    }
  }

  /** True when {@code path} is a regular file that starts with the shard magic {@code TFTOKENS}. */
  public static boolean isShard(Path path) throws IOException {
    if (!Files.isRegularFile(path) || Files.size(path) < TokenShardHeader.MAGIC.length) {
      return false;
    }
    try (InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(TokenShardHeader.MAGIC.length), TokenShardHeader.MAGIC);
    }
  }

  /**
   * The tokenizer file beside a shard, {@code tokens.bin.tokenizer.json}: pretokenize writes it so
   * a trainer given only the shard can decode it.
   */
  public static Path tokenizerFile(Path shard) {
    return shard.resolveSibling(shard.getFileName() + ".tokenizer.json");
  }

  /** Number of tokens. */
  @Override
  public long size() {
    return header.count();
  }

  /** The vocab size recorded by the writer (0 when unknown). */
  public int vocabSize() {
    return header.vocabSize();
  }

  public TokenShardHeader header() {
    return header;
  }

  /** Token {@code i} (0 <= i < size()). */
  @Override
  public int get(long i) {
    if (i < 0 || i >= header.count()) {
      throw new IndexOutOfBoundsException(
          "token shard: index " + i + " out of range 0.." + (header.count() - 1));
    }
    long offset = i * header.bytesPerToken();
    MappedByteBuffer seg = segments[(int) (offset >>> SEGMENT_SHIFT)];
    int at = (int) (offset & SEGMENT_MASK);
    return header.bytesPerToken() == 2 ? Short.toUnsignedInt(seg.getShort(at)) : seg.getInt(at);
  }

  /** Copies tokens {@code from .. from+length-1} into {@code dst[offset..]}. */
  public void copy(long from, int[] dst, int offset, int length) {
    read(from, dst, offset, length);
  }

  /** Copies {@code length} tokens from {@code start} straight out of the mapped segments. */
  @Override
  public void read(long start, int[] dst, int offset, int length) {
    Checks.check(
        start >= 0 && length >= 0 && start + length <= size(),
        "token shard: range %d..%d out of 0..%d",
        start,
        start + length,
        size());
    int width = header.bytesPerToken();
    for (int k = 0; k < length; k++) {
      long at = (start + k) * width;
      MappedByteBuffer seg = segments[(int) (at >>> SEGMENT_SHIFT)];
      int i = (int) (at & SEGMENT_MASK);
      dst[offset + k] = width == 2 ? Short.toUnsignedInt(seg.getShort(i)) : seg.getInt(i);
    }
  }

  /** Mapped memory is released by the garbage collector; closing marks the end of use. */
  @Override
  public void close() {}
}
