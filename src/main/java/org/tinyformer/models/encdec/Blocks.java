package org.tinyformer.models.encdec;

import org.tinyformer.base.Rng;
import org.tinyformer.nn.Mlp;

/** Construction shared by encoder and decoder blocks. */
final class Blocks {
  private Blocks() {}

  /** The GELU MLP of width 4C shared with the GPT's blocks (dropout on its output). */
  static Mlp mlp(EncDecConfig config, Rng rng, Rng dropoutRng, float residualStd) {
    return new Mlp(
        config.embedDim(), config.mlpDim(), true, config.dropout(), rng, dropoutRng, residualStd);
  }
}
