package org.tinyformer.models.handwritten;

import org.tinyformer.tensor.SliceGradients;
import org.tinyformer.tensor.Tensor;

/**
 * Where one slice of the batch accumulates its parameter gradients: slice {@code s} of {@link
 * SliceGradients} (the first slice into the parameters' own grad buffers, the others into private
 * buffers that {@link SliceGradients#reduce} adds in slice order).
 */
final class SliceGrads {
  private final SliceGradients gradients;
  private final int slice;

  SliceGrads(SliceGradients gradients, int slice) {
    this.gradients = gradients;
    this.slice = slice;
  }

  /** The buffer this slice accumulates {@code t}'s gradient into; null for a null tensor. */
  float[] of(Tensor t) {
    return t == null ? null : gradients.of(slice, t);
  }
}
