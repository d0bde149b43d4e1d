package org.tinyformer.models.encdec;

import org.tinyformer.tensor.Tensor;

/**
 * The encoder cache of one source batch: the encoder output, its key padding mask and the
 * cross-attention keys/values of every decoder layer, computed once and reused at every step of
 * greedy decoding.
 *
 * @param output encoder output (B, S, C)
 * @param padding key padding mask (B, S), 1 where the source is padding
 * @param crossKeysValues per decoder layer, (B, S, 2C)
 */
public record EncoderMemory(Tensor output, Tensor padding, Tensor[] crossKeysValues) {
  public int batchSize() {
    return output.size(0);
  }

  public int sourceLength() {
    return output.size(1);
  }
}
