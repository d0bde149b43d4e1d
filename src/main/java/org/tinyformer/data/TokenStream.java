package org.tinyformer.data;

/**
 * A read-only sequence of token ids addressed by a long index: an in-memory array ({@link
 * #of(int[])}) or a memory-mapped shard of pretokenized text. Samplers read only through it. Usage:
 * {@code TokenStream s = TokenStream.of(tokenizer.encode(text)); int first = s.get(0);}
 */
public interface TokenStream {
  /** Number of tokens. */
  long size();

  /** The token at {@code index}, in [0, size()). */
  int get(long index);

  /** Copies {@code length} tokens starting at {@code start} into {@code dst[offset..]}. */
  default void read(long start, int[] dst, int offset, int length) {
    for (int i = 0; i < length; i++) {
      dst[offset + i] = get(start + i);
    }
  }

  /** The tokens in [from, to) as a view (no copy). */
  default TokenStream slice(long from, long to) {
    return new TokenSlice(this, from, to);
  }

  /** An in-memory stream over {@code tokens} (not copied). */
  static TokenStream of(int[] tokens) {
    return new TokenArray(tokens);
  }
}
