package org.tinyformer.tokenizers;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible map from the 256 byte values to printable Unicode characters ({@code
 * bytes_to_unicode} in openai/gpt-2 {@code encoder.py}): printable Latin-1 bytes map to themselves,
 * the rest to U+0100 upwards, so a space is {@code Ġ} and a newline {@code Ċ}. Token strings in
 * {@code encoder.json}, {@code vocab.bpe} and Hugging Face {@code tokenizer.json} are written in
 * this alphabet.
 */
public final class ByteLevelAlphabet {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      BYTE_TO_CHAR[b] = (char) (printable ? b : next++);
      CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
    }
  }

  private ByteLevelAlphabet() {}

  /** The character that stands for byte value {@code b} (0..255). */
  public static char toChar(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte value of {@code c}, or -1 when {@code c} is not in the alphabet. */
  public static int toByte(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** The bytes written in the alphabet, one character per byte. */
  public static String encode(byte[] bytes) {
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(chars);
  }

  /**
   * The bytes of a token string in the alphabet; a string with characters outside it (for example a
   * special token added to a vocabulary as plain text) stands for its own UTF-8 bytes.
   */
  public static byte[] decode(String token) {
    byte[] bytes = new byte[token.length()];
    for (int i = 0; i < token.length(); i++) {
      int b = toByte(token.charAt(i));
      if (b < 0) {
        return token.getBytes(StandardCharsets.UTF_8);
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }
}
