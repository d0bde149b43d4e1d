package org.tinyformer.tensor;

/**
 * How a loss combines its per-row values: {@code MEAN} over the rows that count, or {@code SUM}.
 */
public enum Reduction {
  MEAN,
  SUM
}
