package org.tinyformer.data;

import java.util.List;
import org.tinyformer.base.Checks;

/**
 * Dynamic padding: a batch of variable-length sequences padded to its longest one. Targets on
 * padding hold {@link #IGNORE_INDEX}, which the loss skips. Usage: {@code Batch b =
 * Padding.shifted(sequences, padId);}
 */
public final class Padding {
  /** The target id the cross-entropy ignores (padding, prompts), as PyTorch's ignore_index. */
  public static final int IGNORE_INDEX = -1;

  private Padding() {}

  /**
   * Next-token batch of whole sequences: inputs are {@code seq[0..n-1)}, targets {@code seq[1..n)},
   * both padded to the longest sequence minus one (inputs with {@code padId}, targets with {@link
   * #IGNORE_INDEX}).
   */
  public static Batch shifted(List<int[]> sequences, int padId) {
    Checks.check(!sequences.isEmpty(), "padding: expected at least one sequence, got none");
    int longest = 0;
    for (int[] s : sequences) {
      Checks.check(s.length >= 2, "padding: a sequence needs >= 2 tokens, got %d", s.length);
      longest = Math.max(longest, s.length);
    }
    int B = sequences.size();
    int T = longest - 1;
    int[] inputs = new int[B * T]; // (B, T)
    int[] targets = new int[B * T]; // (B, T)
    for (int b = 0; b < B; b++) {
      int[] s = sequences.get(b);
      for (int t = 0; t < T; t++) {
        boolean real = t + 1 < s.length;
        inputs[b * T + t] = real ? s[t] : padId;
        targets[b * T + t] = real ? s[t + 1] : IGNORE_INDEX;
      }
    }
    return new Batch(inputs, targets, B, T);
  }

  /**
   * Pads {@code sequences} to the longest with {@code padValue}: a (B, maxLength) row-major array.
   */
  public static int[] pad(List<int[]> sequences, int padValue) {
    int longest = longest(sequences);
    int[] out = new int[sequences.size() * longest];
    java.util.Arrays.fill(out, padValue);
    for (int b = 0; b < sequences.size(); b++) {
      int[] s = sequences.get(b);
      System.arraycopy(s, 0, out, b * longest, s.length);
    }
    return out;
  }

  /** The length of the longest sequence (0 for none). */
  public static int longest(List<int[]> sequences) {
    int longest = 0;
    for (int[] s : sequences) {
      longest = Math.max(longest, s.length);
    }
    return longest;
  }
}
