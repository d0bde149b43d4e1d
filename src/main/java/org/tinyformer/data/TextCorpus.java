package org.tinyformer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text corpus from a UTF-8 file, strictly: an invalid byte is an error naming the path and
 * the byte offset, never a silent replacement character. Usage: {@code String text =
 * TextCorpus.read(Path.of("input.txt"));}
 */
public final class TextCorpus {
  /** The largest file {@link #read} accepts: a Java array's limit. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 16;

  private TextCorpus() {}

  /** The whole file as text; throws IllegalArgumentException at the first invalid UTF-8 byte. */
  public static String read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              "text corpus: %s has %,d bytes, more than the %,d an in-memory corpus can hold;"
                  + " pretokenize it into a tokens.bin shard (tinyformer tokenizer pretokenize)",
              path, size, MAX_BYTES));
    }
    return decode(Files.readAllBytes(path), path.toString());
  }

  /** Decodes {@code bytes} as strict UTF-8; {@code source} names them in the error message. */
  public static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new IllegalArgumentException(invalid(bytes, in.position(), result, source));
    }
    return out.flip().toString();
  }

  private static String invalid(byte[] bytes, int offset, CoderResult result, String source) {
    StringBuilder found = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + result.length()); i++) {
      found.append(found.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i]));
    }
    String what =
        offset + result.length() >= bytes.length && result.isMalformed() && isLead(bytes[offset])
            ? "truncated sequence " + found + " at the end of the file (byte offset " + offset + ")"
            : "invalid byte " + found + " at byte offset " + offset;
    return "text corpus: "
        + source
        + " is not valid UTF-8: "
        + what
        + "; convert it to UTF-8 first, e.g. iconv -f LATIN1 -t UTF-8";
  }

  private static boolean isLead(byte b) {
    return (b & 0xE0) == 0xC0 || (b & 0xF0) == 0xE0 || (b & 0xF8) == 0xF0;
  }
}
