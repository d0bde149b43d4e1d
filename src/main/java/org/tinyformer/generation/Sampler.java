package org.tinyformer.generation;

import org.tinyformer.base.Rng;

/**
 * Picks the next token from a vector of logits. Implementations never modify {@code logits}; the
 * filters ({@link TemperatureSampler}, {@link TopKSampler}, {@link TopPSampler}) wrap another
 * sampler and reuse one scratch buffer, so a sampler is not thread-safe.
 *
 * <p>{@code int next = SamplingOptions.of(0.8f, 40, 0.95f).sampler().sample(logits, rng);}
 */
public interface Sampler {
  /** The sampled token id in [0, logits.length). */
  int sample(float[] logits, Rng rng);
}
