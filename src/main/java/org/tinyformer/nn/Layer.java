package org.tinyformer.nn;

import org.tinyformer.tensor.Tensor;

/** A module that maps one tensor to one tensor: norms, linear maps, MLPs, attention, dropout. */
public abstract class Layer extends Module {
  /** The layer applied to {@code x}. */
  public abstract Tensor forward(Tensor x);
}
