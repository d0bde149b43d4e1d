package org.tinyformer.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.tinyformer.base.Checks;

/**
 * The 32-byte little-endian header of a {@code tokens.bin} shard: magic {@code TFTOKENS}, version
 * (int32), bytes per token (int32: 2 for uint16, 4 for uint32), token count (int64), vocab size
 * (int32, 0 when unknown), reserved (int32). The tokens follow as unsigned little-endian ints.
 */
public record TokenShardHeader(int bytesPerToken, long count, int vocabSize) {
  public static final int SIZE = 32;
  public static final int VERSION = 1;
  static final byte[] MAGIC = "TFTOKENS".getBytes(StandardCharsets.US_ASCII);

  public TokenShardHeader {
    Checks.check(
        bytesPerToken == 2 || bytesPerToken == 4,
        "token shard: bytes per token must be 2 (uint16) or 4 (uint32), got %d",
        bytesPerToken);
    Checks.check(count >= 0, "token shard: count must be >= 0, got %d", count);
    Checks.check(vocabSize >= 0, "token shard: vocab size must be >= 0, got %d", vocabSize);
  }

  /** uint16 when every id of a {@code vocabSize} vocabulary fits, else uint32. */
  public static int bytesPerTokenFor(int vocabSize) {
    return vocabSize <= 65_536 ? 2 : 4;
  }

  /** The dtype name: {@code uint16} or {@code uint32}. */
  public String dtype() {
    return bytesPerToken == 2 ? "uint16" : "uint32";
  }

  ByteBuffer toBytes() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(bytesPerToken).putLong(count).putInt(vocabSize).putInt(0);
    return b.flip();
  }

  /**
   * Header bytes as one printable line: ASCII letters, digits and punctuation as they are, every
   * other byte (a newline, a control or high byte) and the backslash as {@code \xNN}.
   */
  static String printable(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(
          b > 0x20 && b < 0x7F && b != '\\'
              ? String.valueOf((char) b)
              : String.format("\\x%02X", b & 0xFF));
    }
    return s.toString();
  }

  /** Parses and checks a header; {@code fileSize} must match the count. */
  static TokenShardHeader parse(ByteBuffer b, long fileSize, Path path) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    Checks.check(
        Arrays.equals(magic, MAGIC),
        "token shard %s: expected magic TFTOKENS, got %s; write it with 'tinyformer tokenizer"
            + " pretokenize'",
        path,
        printable(magic));
    int version = b.getInt();
    Checks.check(
        version == VERSION, "token shard %s: expected version %d, got %d", path, VERSION, version);
    int width = b.getInt();
    long count = b.getLong();
    int vocabSize = b.getInt();
    Checks.check(
        width == 2 || width == 4,
        "token shard %s: bytes per token must be 2 (uint16) or 4 (uint32), got %d",
        path,
        width,
        count);
    Checks.check(
        count >= 0 && count <= (Long.MAX_VALUE - SIZE) / width,
        "token shard %s: the header says %d tokens of %d bytes, more than any file holds: corrupt"
            + " header",
        path,
        count,
        width);
    Checks.check(
        vocabSize >= 0, "token shard %s: vocab size must be >= 0, got %d", path, vocabSize);
    TokenShardHeader h = new TokenShardHeader(width, count, vocabSize);
    long expected = SIZE + h.count * h.bytesPerToken;
    Checks.check(
        fileSize == expected,
        "token shard %s: expected %d bytes for %d tokens, got %d (truncated or still being written?)",
        path,
        expected,
        h.count,
        fileSize);
    return h;
  }
}
