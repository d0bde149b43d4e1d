package org.tinyformer.generation;

import java.nio.file.Path;
import java.util.Map;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * A fixed character tokenizer for tests: the characters of {@code ALPHABET}, then {@code <eos>}.
 */
public final class LetterTokenizer implements Tokenizer {
  public static final String ALPHABET = "\nabcdefghijklmnopqrstuvwxyz ,.!?";

  @Override
  public int[] encode(String text) {
    int[] ids = new int[text.length()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = ALPHABET.indexOf(text.charAt(i));
      if (ids[i] < 0) {
        throw new IllegalArgumentException(
            "char tokenizer: character '" + text.charAt(i) + "' at position " + i + " is unseen");
      }
    }
    return ids;
  }

  @Override
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id < ALPHABET.length()) {
        sb.append(ALPHABET.charAt(id));
      }
    }
    return sb.toString();
  }

  @Override
  public int vocabSize() {
    return ALPHABET.length() + 1;
  }

  @Override
  public Map<String, Integer> specialTokens() {
    return Map.of("<eos>", ALPHABET.length());
  }

  @Override
  public String type() {
    return "letters";
  }

  @Override
  public void save(Path path) {
    throw new UnsupportedOperationException("test tokenizer");
  }
}
