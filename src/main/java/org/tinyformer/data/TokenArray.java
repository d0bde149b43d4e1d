package org.tinyformer.data;

import org.tinyformer.base.Checks;

/** An in-memory {@link TokenStream} over an int array (not copied). */
public final class TokenArray implements TokenStream {
  private final int[] tokens; // (N,)

  /** A stream over {@code tokens}; later changes to the array show through. */
  public TokenArray(int[] tokens) {
    this.tokens = tokens;
  }

  @Override
  public long size() {
    return tokens.length;
  }

  @Override
  public int get(long index) {
    Checks.check(
        index >= 0 && index < tokens.length,
        "token stream: index %d is outside [0, %d)",
        index,
        tokens.length);
    return tokens[(int) index];
  }

  @Override
  public void read(long start, int[] dst, int offset, int length) {
    Checks.check(
        start >= 0 && start + length <= tokens.length,
        "token stream: range [%d, %d) is outside [0, %d)",
        start,
        start + length,
        tokens.length);
    System.arraycopy(tokens, (int) start, dst, offset, length);
  }
}
