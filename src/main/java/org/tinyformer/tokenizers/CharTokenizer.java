package org.tinyformer.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.tinyformer.base.Checks;

/**
 * Character-level tokenizer: one id per Unicode code point, ids in sorted code point order, as
 * nanoGPT's {@code shakespeare_char} (65 symbols on Tiny Shakespeare). Optionally a trailing {@code
 * <unk>} id for unseen characters. Usage: {@code CharTokenizer.fit(text).encode("To be")}.
 */
public final class CharTokenizer implements Tokenizer {
  /** The text of the unknown-character token, when the tokenizer has one. */
  public static final String UNK = "<unk>";

  private final int[] codePoints; // (V,) or (V - 1,) with <unk>, sorted ascending
  private final Map<Integer, Integer> ids = new HashMap<>();
  private final boolean hasUnk;

  private CharTokenizer(int[] codePoints, boolean hasUnk) {
    Checks.check(codePoints.length > 0, "char tokenizer: the vocabulary is empty");
    this.codePoints = codePoints;
    this.hasUnk = hasUnk;
    for (int i = 0; i < codePoints.length; i++) {
      Integer previous = ids.put(codePoints[i], i);
      Checks.check(
          previous == null, "char tokenizer: character %s appears twice", quote(codePoints[i]));
    }
  }

  /** The sorted distinct characters of {@code corpus}; an unseen character is an error. */
  public static CharTokenizer fit(String corpus) {
    return fit(corpus, false);
  }

  /**
   * As {@link #fit(String)}; with {@code withUnk}, unseen characters map to a last id, {@code
   * <unk>}.
   */
  public static CharTokenizer fit(String corpus, boolean withUnk) {
    TreeSet<Integer> set = new TreeSet<>();
    corpus.codePoints().forEach(set::add);
    Checks.check(!set.isEmpty(), "char tokenizer: cannot fit on an empty corpus");
    return new CharTokenizer(set.stream().mapToInt(Integer::intValue).toArray(), withUnk);
  }

  /** The ids of the code points of {@code text}, one per code point. */
  @Override
  public int[] encode(String text) {
    int[] out = new int[text.codePointCount(0, text.length())];
    int position = 0;
    for (int i = 0; i < text.length(); position++) {
      int cp = text.codePointAt(i);
      Integer id = ids.get(cp);
      if (id == null) {
        Checks.check(
            hasUnk,
            "char tokenizer: character %s at position %d is not in the vocabulary (%d characters)",
            quote(cp),
            position,
            codePoints.length);
        id = codePoints.length;
      }
      out[position] = id;
      i += Character.charCount(cp);
    }
    return out;
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder(ids.length);
    for (int id : ids) {
      Checks.check(
          id >= 0 && id < vocabSize(),
          "char tokenizer: id %d is outside the vocabulary [0, %d)",
          id,
          vocabSize());
      if (id == codePoints.length) {
        sb.append(UNK);
      } else {
        sb.appendCodePoint(codePoints[id]);
      }
    }
    return sb.toString();
  }

  @Override
  public int vocabSize() {
    return codePoints.length + (hasUnk ? 1 : 0);
  }

  @Override
  public Map<String, Integer> specialTokens() {
    return hasUnk ? Map.of(UNK, codePoints.length) : Map.of();
  }

  @Override
  public String type() {
    return "char";
  }

  /** The characters in id order (without {@code <unk>}). */
  public String alphabet() {
    return new String(codePoints, 0, codePoints.length);
  }

  @Override
  public void save(Path path) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("type", type());
    ArrayNode chars = root.putArray("chars");
    for (int cp : codePoints) {
      chars.add(new String(Character.toChars(cp)));
    }
    root.put("unk", hasUnk);
    mapper.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), root);
  }

  /** Reads the JSON written by {@link #save(Path)}, already parsed by {@link Tokenizers}. */
  static CharTokenizer fromJson(JsonNode root, Path path) {
    JsonNode chars = root.get("chars");
    Checks.check(
        chars != null && chars.isArray(),
        "char tokenizer: %s has no \"chars\" array; save it again with CharTokenizer.save",
        path);
    int[] cps = new int[chars.size()];
    for (int i = 0; i < cps.length; i++) {
      String s = chars.get(i).asText();
      Checks.check(
          s.codePointCount(0, s.length()) == 1,
          "char tokenizer: %s: entry %d must be one character, got \"%s\"",
          path,
          i,
          s);
      cps[i] = s.codePointAt(0);
    }
    return new CharTokenizer(cps, root.path("unk").asBoolean(false));
  }

  /** {@code 'é'}, or an escape such as {@code '\n'} or {@code '\u0007'} if not printable. */
  static String quote(int cp) {
    return switch (cp) {
      case '\n' -> "'\\n'";
      case '\r' -> "'\\r'";
      case '\t' -> "'\\t'";
      default -> {
        int t = Character.getType(cp);
        boolean printable =
            !Character.isISOControl(cp)
                && t != Character.UNASSIGNED
                && t != Character.FORMAT
                && t != Character.SURROGATE
                && t != Character.PRIVATE_USE
                && !Character.isWhitespace(cp)
                && !Character.isSpaceChar(cp);
        yield printable || cp == ' '
            ? "'" + new String(Character.toChars(cp)) + "'"
            : String.format(cp > 0xFFFF ? "'\\u{%X}'" : "'\\u%04X'", cp);
      }
    };
  }
}
