package org.tinyformer.generation;

import org.tinyformer.tokenizers.Tokenizer;

/** Shows a token's text in tables: quoted, with newlines, tabs and control characters escaped. */
public final class TokenDisplay {
  private TokenDisplay() {}

  /** The text of token {@code id}, quoted and escaped, e.g. {@code "\n"} or {@code " the"}. */
  public static String quoted(Tokenizer tokenizer, int id) {
    return quote(tokenizer.decode(new int[] {id}));
  }

  /** {@code text} quoted and escaped. */
  public static String quote(String text) {
    StringBuilder sb = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                  if (Character.isISOControl(c)) {
                    sb.append(String.format("\\u%04x", c));
                  } else {
                    sb.appendCodePoint(c);
                  }
                }
              }
            });
    return sb.append('"').toString();
  }
}
