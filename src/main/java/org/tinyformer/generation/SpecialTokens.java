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

  /**
   * The prompt as a model trained on {@code <bos>}-wrapped lines saw its inputs: {@code <bos>}
   * first, when the tokenizer has one (the word tokenizer) and the ids do not already start with
   * it. Other tokenizers' prompts are returned as they are.
   */
  public static int[] withBos(Tokenizer tokenizer, int[] ids) {
    Integer bos = tokenizer.specialTokens().get("<bos>");
    if (bos == null || (ids.length > 0 && ids[0] == bos)) {
      return ids;
    }
    int[] out = new int[ids.length + 1];
    out[0] = bos;
    System.arraycopy(ids, 0, out, 1, ids.length);
    return out;
  }
}
