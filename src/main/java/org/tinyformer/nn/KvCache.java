package org.tinyformer.nn;

import org.tinyformer.base.Checks;

/**
 * The key/value caches of every attention layer of a model, advanced together: {@code KvCache cache
 * = model.newCache(1);} then feed the prompt and one token at a time.
 */
public final class KvCache {
  private final AttentionCache[] layers;
  private final int batchSize;
  private Object workspace; // the decoding model's scratch buffers, or null

  public KvCache(int numLayers, int batchSize, int numHeads, int capacity, int headSize) {
    Checks.check(batchSize > 0, "kv cache: batch size must be positive, got %d", batchSize);
    this.batchSize = batchSize;
    this.layers = new AttentionCache[numLayers];
    for (int i = 0; i < numLayers; i++) {
      layers[i] = new AttentionCache(batchSize, numHeads, capacity, headSize);
    }
  }

  /** The cache of layer {@code i}. */
  public AttentionCache layer(int i) {
    return layers[i];
  }

  public int numLayers() {
    return layers.length;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Number of positions cached (the same in every layer once a forward step completes). */
  public int length() {
    return layers[0].length();
  }

  /** Most positions it can hold (the model's context length). */
  public int capacity() {
    return layers[0].capacity();
  }

  /**
   * The scratch buffers the decoding model keeps with this cache, so that a generation allocates
   * them once; null until the model sets them.
   */
  public Object workspace() {
    return workspace;
  }

  public void setWorkspace(Object workspace) {
    this.workspace = workspace;
  }

  /** Forgets every position (the storage and the workspace are kept). */
  public void clear() {
    for (AttentionCache layer : layers) {
      layer.clear();
    }
  }
}
