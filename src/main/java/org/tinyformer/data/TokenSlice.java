package org.tinyformer.data;

import org.tinyformer.base.Checks;

/** A view of the tokens [from, to) of another {@link TokenStream}. */
final class TokenSlice implements TokenStream {
  private final TokenStream base;
  private final long from;
  private final long size;

  TokenSlice(TokenStream base, long from, long to) {
    Checks.check(
        0 <= from && from <= to && to <= base.size(),
        "token stream: slice [%d, %d) is outside [0, %d)",
        from,
        to,
        base.size());
    this.base = base;
    this.from = from;
    this.size = to - from;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int get(long index) {
    Checks.check(
        index >= 0 && index < size, "token stream: index %d is outside [0, %d)", index, size);
    return base.get(from + index);
  }

  @Override
  public void read(long start, int[] dst, int offset, int length) {
    Checks.check(
        start >= 0 && start + length <= size,
        "token stream: range [%d, %d) is outside [0, %d)",
        start,
        start + length,
        size);
    base.read(from + start, dst, offset, length);
  }

  @Override
  public TokenStream slice(long sliceFrom, long sliceTo) {
    Checks.check(
        0 <= sliceFrom && sliceFrom <= sliceTo && sliceTo <= size,
        "token stream: slice [%d, %d) is outside [0, %d)",
        sliceFrom,
        sliceTo,
        size);
    return new TokenSlice(base, from + sliceFrom, from + sliceTo);
  }
}
