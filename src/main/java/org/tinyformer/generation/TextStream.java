package org.tinyformer.generation;

import java.util.Arrays;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Turns a stream of token ids into a stream of text for printing as tokens arrive. It decodes the
 * whole sequence and returns only the new part, so tokenizers whose pieces do not concatenate (word
 * spacing, bytes split across BPE tokens) still print correctly; an incomplete character (U+FFFD at
 * the end) is held back until the next token completes it.
 */
public final class TextStream {
  private final Tokenizer tokenizer;
  private int[] ids = new int[16];
  private int count;
  private String printed = "";

  public TextStream(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /**
   * Takes the prompt's ids as already printed, so the first new piece comes with the spacing a word
   * tokenizer puts between the prompt and it ("how is" then " your", not "your").
   */
  public TextStream prime(int[] prompt) {
    for (int id : prompt) {
      add(id);
    }
    return this;
  }

  /** Adds a token and returns the text that is now ready to print (possibly empty). */
  public String add(int id) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, 2 * count);
    }
    ids[count++] = id;
    String text = tokenizer.decode(Arrays.copyOf(ids, count));
    if (text.endsWith("\uFFFD")) {
      return "";
    }
    String fresh = text.startsWith(printed) ? text.substring(printed.length()) : text;
    printed = text;
    return fresh;
  }

  /** The text decoded so far. */
  public String text() {
    return tokenizer.decode(Arrays.copyOf(ids, count));
  }
}
