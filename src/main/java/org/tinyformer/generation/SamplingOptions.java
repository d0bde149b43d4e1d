package org.tinyformer.generation;

import org.tinyformer.base.Checks;

/**
 * How to pick each next token: temperature (0 = greedy), top-k (0 = off) and top-p (1 = off),
 * applied in that order as in Hugging Face's generate. Validated; {@link #sampler()} builds the
 * chain.
 *
 * <p>{@code Sampler s = new SamplingOptions(0.8f, 40, 0.95f).sampler();}
 */
public record SamplingOptions(float temperature, int topK, float topP) {
  /** Plain sampling from the model's distribution: temperature 1, no top-k, no top-p. */
  public static final SamplingOptions DEFAULT = new SamplingOptions(1f, 0, 1f);

  /** Always the most likely token. */
  public static final SamplingOptions GREEDY = new SamplingOptions(0f, 0, 1f);

  public SamplingOptions {
    Checks.check(
        temperature >= 0f && Float.isFinite(temperature),
        "sampling: temperature must be >= 0 (0 = greedy), got %s",
        temperature);
    Checks.check(topK >= 0, "sampling: top-k must be >= 0 (0 = off), got %d", topK);
    Checks.check(
        topP > 0f && topP <= 1f, "sampling: top-p must be in (0, 1] (1 = off), got %s", topP);
  }

  /** True when sampling is deterministic (temperature 0 or top-k 1). */
  public boolean isGreedy() {
    return temperature == 0f || topK == 1;
  }

  public SamplingOptions withTemperature(float t) {
    return new SamplingOptions(t, topK, topP);
  }

  public SamplingOptions withTopK(int k) {
    return new SamplingOptions(temperature, k, topP);
  }

  public SamplingOptions withTopP(float p) {
    return new SamplingOptions(temperature, topK, p);
  }

  /** A new sampler chain: temperature, then top-k, then top-p, then a categorical draw. */
  public Sampler sampler() {
    if (isGreedy()) {
      return new GreedySampler();
    }
    Sampler s = new CategoricalSampler();
    if (topP < 1f) {
      s = new TopPSampler(topP, s);
    }
    if (topK > 0) {
      s = new TopKSampler(topK, s);
    }
    return temperature == 1f ? s : new TemperatureSampler(temperature, s);
  }

  @Override
  public String toString() {
    return String.format(
        "temperature %s, top-k %s, top-p %s",
        temperature, topK == 0 ? "off" : Integer.toString(topK), topP >= 1f ? "off" : topP);
  }
}
