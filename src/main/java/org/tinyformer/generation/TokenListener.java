package org.tinyformer.generation;

/** Receives generated tokens as they come (streaming), and notices such as a cropped prompt. */
public interface TokenListener {
  /** A listener that ignores everything. */
  TokenListener NONE = (id, logits) -> {};

  /**
   * Called once per generated token, with the logits (V) it was sampled from; the array is the
   * listener's to keep.
   */
  void onToken(int id, float[] logits);

  /** A one-line notice for the user, e.g. that the prompt was cropped. */
  default void onNotice(String message) {}
}
