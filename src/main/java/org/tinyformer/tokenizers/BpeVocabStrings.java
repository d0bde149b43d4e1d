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
   * token of {@code (a, b)} is the id of {@code a + b}. Checks, naming the file: ids dense from 0,
   * all 256 bytes present, every merge's parts and result in the vocabulary, and (when {@code
   * everyTokenMade}) every multi-byte token made by some merge, so a truncated merges file is
   * refused instead of encoding differently.
   */
  static BpeTokenizer toTokenizer(
      Map<String, Integer> vocab,
      List<String[]> merges,
      Map<String, Integer> specials,
      PreTokenizer pre,
      String source,
      String mergesSource,
      boolean everyTokenMade) {
    String[] byId = denseIds(vocab, specials, source);
    byte[][] bytes = new byte[byId.length][];
    for (var e : vocab.entrySet()) {
      bytes[e.getValue()] = ByteLevelAlphabet.decode(e.getKey());
    }
    boolean[] single = new boolean[256];
    for (int id = 0; id < bytes.length; id++) {
      if (bytes[id] != null && bytes[id].length == 1 && !specials.containsValue(id)) {
        single[bytes[id][0] & 0xFF] = true;
      }
    }
    for (int b = 0; b < 256; b++) {
      Checks.check(
          single[b],
          "%s: no token for byte 0x%02X ('%s'); a byte-level BPE vocabulary needs all 256 bytes",
          source,
          b,
          ByteLevelAlphabet.toChar(b));
    }
    int[] left = new int[merges.size()];
    int[] right = new int[merges.size()];
    int[] merged = new int[merges.size()];
    boolean[] made = new boolean[byId.length];
    for (int r = 0; r < merges.size(); r++) {
      String[] m = merges.get(r);
      left[r] = id(vocab, m[0], r, source, mergesSource);
      right[r] = id(vocab, m[1], r, source, mergesSource);
      merged[r] = id(vocab, m[0] + m[1], r, source, mergesSource);
      made[merged[r]] = true;
    }
    if (everyTokenMade) {
      checkEveryTokenMade(bytes, made, specials, merges.size(), source, mergesSource);
    }
    return new BpeTokenizer(bytes, new BpeMerges(left, right, merged), specials, pre);
  }

  /** Token text by id; ids must be unique and run from 0 to the number of tokens - 1. */
  private static String[] denseIds(
      Map<String, Integer> vocab, Map<String, Integer> specials, String source) {
    Map<Integer, String> owner = new HashMap<>();
    for (var e : vocab.entrySet()) {
      String other = owner.putIfAbsent(e.getValue(), e.getKey());
      Checks.check(
          other == null,
          "%s: tokens '%s' and '%s' both have id %d",
          source,
          other,
          e.getKey(),
          e.getValue());
    }
    specials.forEach((text, id) -> owner.putIfAbsent(id, text));
    int size = owner.size();
    String[] byId = new String[size];
    owner.forEach(
        (id, text) -> {
          Checks.check(
              id >= 0 && id < size,
              "%s: token '%s' has id %d, outside 0..%d: the %d ids must run from 0 without gaps",
              source,
              text,
              id,
              size - 1,
              size);
          byId[id] = text;
        });
    return byId;
  }

  private static void checkEveryTokenMade(
      byte[][] bytes,
      boolean[] made,
      Map<String, Integer> specials,
      int mergeCount,
      String source,
      String mergesSource) {
    int missing = 0;
    int first = -1;
    int multiByte = 0;
    for (int id = 0; id < bytes.length; id++) {
      if (!specials.containsValue(id) && bytes[id].length > 1) {
        multiByte++;
        if (!made[id]) {
          missing++;
          first = first < 0 ? id : first;
        }
      }
    }
    Checks.check(
        missing == 0,
        "%s: %d merges make %d of the %d multi-byte tokens of %s (the first no merge makes is"
            + " '%s', id %d): the merges are truncated or belong to another vocabulary",
        mergesSource,
        mergeCount,
        multiByte - missing,
        multiByte,
        source,
        first < 0 ? "" : ByteLevelAlphabet.encode(bytes[first]),
        first);
  }

  private static int id(
      Map<String, Integer> vocab, String token, int rank, String source, String mergesSource) {
    Integer id = vocab.get(token);
    Checks.check(
        id != null,
        "%s: merge %d uses token '%s' that is not in the vocabulary of %s",
        mergesSource,
        rank,
        token,
        source);
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
    Checks.check(line != null, "%s: merge %d is not a string", source, rank);
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
