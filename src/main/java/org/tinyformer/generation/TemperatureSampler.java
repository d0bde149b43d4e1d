package org.tinyformer.generation;

import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;

/**
 * Divides the logits by a temperature before the wrapped sampler sees them: below 1 sharpens the
 * distribution towards the most likely tokens, above 1 flattens it.
 */
public final class TemperatureSampler implements Sampler {
  private final float temperature;
  private final Sampler next;
  private float[] scaled = new float[0];

  /** Scales by {@code 1 / temperature} (positive and finite) and passes to {@code next}. */
  public TemperatureSampler(float temperature, Sampler next) {
    Checks.check(
        temperature > 0 && Float.isFinite(temperature),
        "temperature sampler: temperature must be positive, got %s",
        temperature);
    this.temperature = temperature;
    this.next = next;
  }

  @Override
  public int sample(float[] logits, Rng rng) {
    if (scaled.length != logits.length) {
      scaled = new float[logits.length];
    }
    float inverse = 1f / temperature;
    for (int i = 0; i < logits.length; i++) {
      scaled[i] = logits[i] * inverse;
    }
    return next.sample(scaled, rng);
  }

  @Override
  public String toString() {
    return "temperature " + temperature + " -> " + next;
  }
}
