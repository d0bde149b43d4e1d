package org.tinyformer.generation;

import java.util.Map;
import org.tinyformer.tokenizers.Tokenizer;

/** The special tokens generation cares about, looked up by their usual names in a tokenizer. */
public final class SpecialTokens {
  private SpecialTokens() {}

  /** The end-of-sequence id ({@code <eos>} or {@code <|endoftext|>}), or -1 when there is none. */
  public static int eos(Tokenizer tokenizer) {
    Map<String, Integer> special = tokenizer.specialTokens();
    Integer id = special.get("<eos>");
    if (id == null) {
      id = special.get("<|endoftext|>");
    }
    return id == null ? -1 : id;
  }

  /**
   * The ids to start from when the user gives no prompt: the beginning-of-sequence token ({@code
   * <bos>}, or {@code <|endoftext|>} for GPT-2), else a newline as nanoGPT does, else id 0.
   */
  public static int[] defaultPrompt(Tokenizer tokenizer) {
    Map<String, Integer> special = tokenizer.specialTokens();
    for (String name : new String[] {"<bos>", "<|endoftext|>"}) {
      if (special.containsKey(name)) {
        return new int[] {special.get(name)};
      }
    }
    try {
      int[] newline = tokenizer.encode("\n");
      if (newline.length > 0) {
        return newline;
      }
    } catch (IllegalArgumentException unseen) {
      // a character tokenizer that never saw a newline: fall through to id 0
    }
    return new int[] {0};
  }
}
