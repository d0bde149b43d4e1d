package org.tinyformer.tokenizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The special tokens of a BPE tokenizer (for example {@code <|endoftext|>}) and the split of text
 * around them, done before pre-tokenization so that no merge crosses one. Longer tokens win when
 * two start at the same place.
 */
final class BpeSpecialTokens {
  /** A piece of text: a special token (with its id) or ordinary text ({@code id} is -1). */
  record Piece(String text, int id) {
    boolean special() {
      return id >= 0;
    }
  }

  private final Map<String, Integer> ids;
  private final Pattern pattern;

  BpeSpecialTokens(Map<String, Integer> ids) {
    this.ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    this.pattern =
        ids.isEmpty()
            ? null
            : Pattern.compile(
                ids.keySet().stream()
                    .sorted(
                        (a, b) ->
                            b.length() != a.length() ? b.length() - a.length() : a.compareTo(b))
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|")));
  }

  Map<String, Integer> ids() {
    return ids;
  }

  boolean isEmpty() {
    return ids.isEmpty();
  }

  /**
   * The pieces of {@code text} in order; with {@code allow} false the whole text is one ordinary
   * piece, so special-token text typed by a user is encoded as plain text.
   */
  List<Piece> split(String text, boolean allow) {
    List<Piece> pieces = new ArrayList<>();
    if (!allow || pattern == null) {
      pieces.add(new Piece(text, -1));
      return pieces;
    }
    Matcher m = pattern.matcher(text);
    int start = 0;
    while (m.find()) {
      if (m.start() > start) {
        pieces.add(new Piece(text.substring(start, m.start()), -1));
      }
      pieces.add(new Piece(m.group(), ids.get(m.group())));
      start = m.end();
    }
    if (start < text.length()) {
      pieces.add(new Piece(text.substring(start), -1));
    }
    return pieces;
  }
}
