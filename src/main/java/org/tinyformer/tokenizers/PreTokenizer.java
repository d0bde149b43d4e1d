package org.tinyformer.tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tinyformer.base.Checks;

/**
 * Splits text into chunks by a regular expression before BPE, so merges never cross a chunk:
 * GPT-2's pattern (words with their leading space, numbers, punctuation runs, whitespace) by
 * default, or GPT-4's cl100k pattern. {@code \s} means Unicode White_Space, like the {@code regex}
 * module and tiktoken. Text between matches (a custom pattern that does not cover its input)
 * becomes a chunk of its own, so no text is ever dropped: decode(encode(text)) is text.
 */
public final class PreTokenizer {
  /** The pattern of openai/gpt-2 {@code encoder.py}. */
  public static final String GPT2_PATTERN =
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

  /** The pattern of tiktoken's cl100k_base (GPT-4). */
  public static final String GPT4_PATTERN =
      "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*"
          + "|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+";

  private static final String WHITE_SPACE = "\\p{IsWhite_Space}";

  /** The built-in pre-tokenizers, compiled once (immutable, and a Pattern is thread-safe). */
  private static final PreTokenizer GPT2 = new PreTokenizer(GPT2_PATTERN);

  private static final PreTokenizer GPT4 = new PreTokenizer(GPT4_PATTERN);

  private final String regex;
  private final Pattern pattern;
  private final boolean fastGpt2;

  private PreTokenizer(String regex) {
    this.regex = regex;
    this.fastGpt2 = regex.equals(GPT2_PATTERN);
    try {
      this.pattern = Pattern.compile(javaRegex(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pre-tokenizer: invalid pattern: " + e.getDescription() + " in " + regex);
    }
  }

  /** The GPT-2 pre-tokenizer. */
  public static PreTokenizer gpt2() {
    return GPT2;
  }

  /** The GPT-4 (cl100k) pre-tokenizer. */
  public static PreTokenizer gpt4() {
    return GPT4;
  }

  /** {@code gpt2}, {@code gpt4} or a regular expression in the tiktoken/Hugging Face dialect. */
  public static PreTokenizer of(String nameOrRegex) {
    Checks.check(
        nameOrRegex != null && !nameOrRegex.isEmpty(), "pre-tokenizer: pattern must not be empty");
    return switch (nameOrRegex) {
      case "gpt2" -> gpt2();
      case "gpt4", "cl100k" -> gpt4();
      default -> new PreTokenizer(nameOrRegex);
    };
  }

  /** The pattern as written in saved files (the tiktoken/Hugging Face dialect). */
  public String regex() {
    return regex;
  }

  /**
   * True for the built-in patterns, which always split between a non-space character and a
   * following space (U+0020): text can be cut there and its parts pre-tokenized independently.
   */
  public boolean splitsBeforeSpace() {
    return regex.equals(GPT2_PATTERN) || regex.equals(GPT4_PATTERN);
  }

  /** Calls {@code chunk} with each chunk of {@code text} in order. */
  public void forEachChunk(String text, Consumer<String> chunk) {
    if (fastGpt2) {
      Gpt2ChunkScanner.forEachChunk(text, chunk);
      return;
    }
    forEachRegexChunk(text, chunk);
  }

  /** As {@link #forEachChunk} but always through the regex (the oracle of the fast scanner). */
  void forEachRegexChunk(String text, Consumer<String> chunk) {
    Matcher m = pattern.matcher(text);
    int covered = 0;
    while (m.find()) {
      if (m.start() > covered) {
        chunk.accept(text.substring(covered, m.start())); // text the pattern skips: its own chunk
      }
      if (m.end() > m.start()) {
        chunk.accept(text.substring(m.start(), m.end()));
      }
      covered = m.end();
    }
    if (covered < text.length()) {
      chunk.accept(text.substring(covered));
    }
  }

  /** The chunks of {@code text} in order. */
  public List<String> split(String text) {
    List<String> chunks = new ArrayList<>();
    forEachChunk(text, chunks::add);
    return chunks;
  }

  /** Rewrites {@code \s} and {@code \S} (also inside classes) to Unicode White_Space. */
  static String javaRegex(String regex) {
    StringBuilder sb = new StringBuilder(regex.length() + 32);
    int classDepth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char n = regex.charAt(++i);
        if (n == 's') {
          sb.append(WHITE_SPACE);
        } else if (n == 'S') {
          sb.append(classDepth > 0 ? "\\P{IsWhite_Space}" : "[^" + WHITE_SPACE + "]");
        } else {
          sb.append(c).append(n);
        }
        continue;
      }
      if (c == '[') {
        classDepth++;
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return regex.equals(GPT2_PATTERN) ? "gpt2" : regex.equals(GPT4_PATTERN) ? "gpt4" : regex;
  }
}
