package org.tinyformer.generation;

/**
 * Receives generated tokens as they come (streaming), and notices such as a cropped prompt; may ask
 * generation to stop early.
 */
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

  /**
   * Asked after every token: true ends generation with {@link GenerationResult.StopReason#STOPPED}
   * (a stop string was written, or the user pressed Ctrl-C).
   */
  default boolean stopRequested() {
    return false;
  }
}
