package org.tinyformer.tokenizers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;

/**
 * The textual form shared by every BPE file format: tokens as strings in the byte-level alphabet
 * ({@link ByteLevelAlphabet}) and merges as pairs of such strings. Builds a tokenizer from that
 * form and back.
 */
final class BpeVocabStrings {
  private BpeVocabStrings() {}

  /**
   * A tokenizer from token strings to ids, merges in rank order and special tokens; the merged
   * token of {@code (a, b)} is the id of {@code a + b}.
   */
  static BpeTokenizer toTokenizer(
      Map<String, Integer> vocab,
      List<String[]> merges,
      Map<String, Integer> specials,
      PreTokenizer pre,
      String source) {
    int size = 0;
    for (int id : vocab.values()) {
      Checks.check(id >= 0, "%s: negative token id %d", source, id);
      size = Math.max(size, id + 1);
    }
    for (int id : specials.values()) {
      size = Math.max(size, id + 1);
    }
    byte[][] bytes = new byte[size][];
    for (var e : vocab.entrySet()) {
      bytes[e.getValue()] = ByteLevelAlphabet.decode(e.getKey());
    }
    int[] left = new int[merges.size()];
    int[] right = new int[merges.size()];
    int[] merged = new int[merges.size()];
    for (int r = 0; r < merges.size(); r++) {
      String[] m = merges.get(r);
      left[r] = id(vocab, m[0], r, source);
      right[r] = id(vocab, m[1], r, source);
      merged[r] = id(vocab, m[0] + m[1], r, source);
    }
    return new BpeTokenizer(bytes, new BpeMerges(left, right, merged), specials, pre);
  }

  private static int id(Map<String, Integer> vocab, String token, int rank, String source) {
    Integer id = vocab.get(token);
    Checks.check(
        id != null,
        "%s: merge %d uses token '%s' that is not in the vocabulary",
        source,
        rank,
        token);
    return id;
  }

  /** Token strings by id; special tokens are written as their own text. */
  static String[] tokens(BpeTokenizer t) {
    String[] tokens = new String[t.vocabSize()];
    Map<Integer, String> special = new HashMap<>();
    t.specialTokens().forEach((text, id) -> special.put(id, text));
    for (int id = 0; id < tokens.length; id++) {
      tokens[id] =
          special.containsKey(id) ? special.get(id) : ByteLevelAlphabet.encode(t.tokenBytes(id));
    }
    return tokens;
  }

  /** Merges in rank order as pairs of token strings. */
  static List<String[]> merges(BpeTokenizer t, String[] tokens) {
    BpeMerges m = t.merges();
    List<String[]> out = new ArrayList<>(m.size());
    for (int r = 0; r < m.size(); r++) {
      out.add(new String[] {tokens[m.left(r)], tokens[m.right(r)]});
    }
    return out;
  }

  /** Splits a merge line {@code "a b"}; tokens never contain a space in the byte-level alphabet. */
  static String[] splitMerge(String line, int rank, String source) {
    int space = line.indexOf(' ');
    Checks.check(
        space > 0 && space < line.length() - 1 && line.indexOf(' ', space + 1) < 0,
        "%s: merge %d: expected 'a b', got '%s'",
        source,
        rank,
        line);
    return new String[] {line.substring(0, space), line.substring(space + 1)};
  }
}
