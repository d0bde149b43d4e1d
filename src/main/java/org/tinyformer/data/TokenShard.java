package org.tinyformer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tinyformer.base.Checks;

/**
 * A {@code tokens.bin} shard read back memory-mapped ({@link TokenShardHeader}): random access to
 * token {@code i} without loading the file, in 1 GiB mapped segments so shards may exceed 2 GiB.
 *
 * <p>{@code try (var shard = TokenShard.open(path)) { int first = shard.get(0); }}
 */
public final class TokenShard implements AutoCloseable {
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
      return new TokenShard(header, segments);
    }
  }

  /** Number of tokens. */
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
    Checks.check(
        from >= 0 && length >= 0 && from + length <= size(),
        "token shard: range %d..%d out of 0..%d",
        from,
        from + length,
        size());
    for (int k = 0; k < length; k++) {
      dst[offset + k] = get(from + k);
    }
  }

  /** Mapped memory is released by the garbage collector; closing marks the end of use. */
  @Override
  public void close() {}
}
