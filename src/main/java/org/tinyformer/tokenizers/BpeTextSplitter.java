package org.tinyformer.tokenizers;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text into parts that pre-tokenize exactly as the whole would, so the parts can be
 * encoded on several cores. The built-in GPT-2 and GPT-4 patterns never join a non-space character
 * with a following space (U+0020) into one chunk, and have no look-behind, so every such place is a
 * safe cut.
 */
final class BpeTextSplitter {
  private BpeTextSplitter() {}

  /** Parts of about {@code partLength} characters whose concatenation is {@code text}. */
  static List<String> split(String text, int partLength) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (text.length() - start > partLength) {
      int cut = safeCut(text, start + partLength);
      if (cut < 0) {
        break;
      }
      parts.add(text.substring(start, cut));
      start = cut;
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** The first position at or after {@code from} with a space after a non-space, or -1. */
  private static int safeCut(String text, int from) {
    for (int p = Math.max(1, from); p < text.length(); p++) {
      if (text.charAt(p) == ' ' && !isWhiteSpace(text.charAt(p - 1))) {
        return p;
      }
    }
    return -1;
  }

  /** Unicode White_Space, what {@code \s} means in the pre-tokenizer patterns. */
  static boolean isWhiteSpace(char c) {
    return (c >= '\t' && c <= '\r')
        || c == ' '
        || c == '\u0085'
        || c == '\u00A0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200A')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202F'
        || c == '\u205F'
        || c == '\u3000';
  }
}
