package org.tinyformer.base;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one text policy of every command: bytes are decoded as UTF-8 strictly, and the first invalid
 * byte is an error naming the source and the byte offset ({@code decode}); users who want U+FFFD
 * replacement ask for it ({@code --errors replace}, {@link #decodeReplacing}).
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * Decodes {@code bytes}; throws IllegalArgumentException naming {@code source} and the offset.
   */
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
      throw new IllegalArgumentException(
          source + " is not valid UTF-8: " + problem(bytes, in.position(), result));
    }
    return out.flip().toString();
  }

  /** Decodes {@code bytes} with every invalid sequence replaced by U+FFFD. */
  public static String decodeReplacing(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Decodes by the policy named {@code errors}: {@code strict} or {@code replace}. */
  public static String decode(byte[] bytes, String source, String errors) {
    return switch (errors) {
      case "strict" -> decode(bytes, source);
      case "replace" -> decodeReplacing(bytes);
      default ->
          throw new IllegalArgumentException("--errors must be strict or replace, got " + errors);
    };
  }

  private static String problem(byte[] bytes, int offset, CoderResult result) {
    StringBuilder found = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + result.length()); i++) {
      found.append(found.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i]));
    }
    return offset + result.length() >= bytes.length && result.isMalformed() && isLead(bytes[offset])
        ? "truncated sequence " + found + " at the end (byte offset " + offset + ")"
        : "invalid byte " + found + " at byte offset " + offset;
  }

  private static boolean isLead(byte b) {
    return (b & 0xE0) == 0xC0 || (b & 0xF0) == 0xE0 || (b & 0xF8) == 0xF0;
  }
}
