package org.tinyformer.tokenizers;

import java.util.function.Consumer;

/**
 * A hand-written scanner that splits text exactly like {@link PreTokenizer#GPT2_PATTERN}, several
 * times faster than {@code java.util.regex}; the regex is its test oracle. The alternatives in
 * order: contractions, {@code ' ?letters'}, {@code ' ?digits'}, {@code ' ?other'}, a whitespace run
 * that leaves its last character to the next chunk, and finally any whitespace run.
 */
final class Gpt2ChunkScanner {
  private static final int OTHER = 0;
  private static final int LETTER = 1;
  private static final int NUMBER = 2;
  private static final int SPACE = 3;
  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = (byte) classifySlow(c);
    }
  }

  private Gpt2ChunkScanner() {}

  static void forEachChunk(String text, Consumer<String> chunk) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int end = matchAt(text, i, n);
      chunk.accept(text.substring(i, end));
      i = end;
    }
  }

  /** The end of the chunk that starts at {@code i}. */
  static int matchAt(String s, int i, int n) {
    char c = s.charAt(i);
    if (c == '\'' && i + 1 < n) {
      int e = contraction(s, i, n);
      if (e > 0) {
        return e;
      }
    }
    int start = i;
    if (c == ' ' && i + 1 < n) {
      int next = classify(s.codePointAt(i + 1));
      if (next != SPACE) {
        start = i + 1; // ' ?X+' takes the one leading space
      }
    }
    int cls = classify(s.codePointAt(start));
    if (cls != SPACE) {
      int j = start;
      while (j < n) {
        int cp = s.codePointAt(j);
        if (classify(cp) != cls) {
          break;
        }
        j += Character.charCount(cp);
      }
      return j;
    }
    int j = i;
    while (j < n && classify(s.codePointAt(j)) == SPACE) {
      j += Character.charCount(s.codePointAt(j));
    }
    if (j == n || j - 1 == i) {
      return j; // '\s+(?!\S)' to the end, or the single-character '\s+'
    }
    return j - 1; // every white-space character is one char, so backing off one is one char
  }

  private static int contraction(String s, int i, int n) {
    char a = s.charAt(i + 1);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') {
      return i + 2;
    }
    if (i + 2 < n) {
      char b = s.charAt(i + 2);
      if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
        return i + 3;
      }
    }
    return -1;
  }

  private static int classify(int cp) {
    return cp < 128 ? ASCII[cp] : classifySlow(cp);
  }

  private static int classifySlow(int cp) {
    if (cp <= 0xFFFF && BpeTextSplitter.isWhiteSpace((char) cp)) {
      return SPACE;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER ->
          LETTER;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER ->
          NUMBER;
      default -> OTHER;
    };
  }
}
