package org.tinyformer.tokenizers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns text into token ids and back. Implementations: character, word and byte-level BPE.
 *
 * <p>{@code int[] ids = tokenizer.encode("To be"); String text = tokenizer.decode(ids);}
 */
public interface Tokenizer {
  /** The token ids of {@code text}. */
  int[] encode(String text);

  /** The text of {@code ids}; total for ids below {@link #vocabSize()}. */
  String decode(int[] ids);

  /** Number of distinct ids, special tokens included. */
  int vocabSize();

  /**
   * Special tokens by their text, for example {@code <pad>} or {@code <|endoftext|>}, to their ids.
   */
  Map<String, Integer> specialTokens();

  /** A short name of the kind, written into the saved JSON as {@code "type"}: char, word or bpe. */
  String type();

  /** Saves the tokenizer as the project's JSON (with a {@code "type"} field). */
  void save(Path path) throws IOException;
}
