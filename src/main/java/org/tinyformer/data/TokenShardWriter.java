package org.tinyformer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.tinyformer.base.Checks;
import org.tinyformer.base.WriteErrors;

/**
 * Streams token ids into a {@code tokens.bin} shard ({@link TokenShardHeader}). Writes to a
 * temporary file and renames it into place on {@link #close}, so a crash never leaves a
 * half-written shard.
 *
 * <p>{@code try (var w = TokenShardWriter.create(path, vocabSize)) { w.write(ids); }}
 */
public final class TokenShardWriter implements AutoCloseable {
  private final Path path;
  private final Path temp;
  private final FileChannel channel;
  private final int bytesPerToken;
  private final int vocabSize;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long count;
  private boolean closed;

  private TokenShardWriter(Path path, int bytesPerToken, int vocabSize) throws IOException {
    this.path = path;
    this.temp = path.resolveSibling(path.getFileName() + ".tmp");
    this.bytesPerToken = bytesPerToken;
    this.vocabSize = vocabSize;
    this.channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    channel.write(new TokenShardHeader(bytesPerToken, 0, vocabSize).toBytes());
  }

  /** A writer with the smallest dtype that holds every id below {@code vocabSize}. */
  public static TokenShardWriter create(Path path, int vocabSize) throws IOException {
    Checks.check(vocabSize > 0, "token shard: vocab size must be > 0, got %d", vocabSize);
    return new TokenShardWriter(path, TokenShardHeader.bytesPerTokenFor(vocabSize), vocabSize);
  }

  /** Appends {@code ids}; each must be in 0..vocabSize-1. */
  public void write(int[] ids) throws IOException {
    write(ids, 0, ids.length);
  }

  /** Appends {@code ids[from .. from+length-1]}; each must be in 0..vocabSize-1. */
  public void write(int[] ids, int from, int length) throws IOException {
    Checks.checkState(!closed, "token shard: writer is closed");
    for (int k = from; k < from + length; k++) {
      int id = ids[k];
      Checks.check(
          id >= 0 && id < vocabSize, "token shard: id %d out of range 0..%d", id, vocabSize - 1);
      if (buffer.remaining() < 4) {
        flush();
      }
      if (bytesPerToken == 2) {
        buffer.putShort((short) id);
      } else {
        buffer.putInt(id);
      }
    }
    count += length;
  }

  /** Number of tokens written so far. */
  public long count() {
    return count;
  }

  private void flush() throws IOException {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw WriteErrors.naming(path, e);
    }
    buffer.clear();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    flush();
    try {
      channel.write(new TokenShardHeader(bytesPerToken, count, vocabSize).toBytes(), 0);
      channel.force(true);
    } catch (IOException e) {
      throw WriteErrors.naming(path, e);
    }
    channel.close();
    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
