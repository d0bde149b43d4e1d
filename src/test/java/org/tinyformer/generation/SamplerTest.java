package org.tinyformer.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class SamplerTest {
  private static final float[] LOGITS = {1.0f, 2.0f, 0.5f, 3.0f, -1.0f, 2.0f};
  private static final int DRAWS = 40_000;

  private static double[] frequencies(Sampler sampler, float[] logits, long seed) {
    Rng rng = new Rng(seed);
    double[] counts = new double[logits.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[sampler.sample(logits, rng)]++;
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] /= DRAWS;
    }
    return counts;
  }

  private static double[] softmax(float[] logits, float temperature) {
    double[] p = new double[logits.length];
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] / temperature);
      total += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    return p;
  }

  private static void assertFrequenciesMatch(double[] actual, double[] expected) {
    for (int i = 0; i < expected.length; i++) {
      // 40,000 draws: the standard error is at most 0.0025, so 0.012 is about 5 sigma
      assertThat(actual[i]).as("token %d", i).isCloseTo(expected[i], within(0.012));
    }
  }

  @Test
  void greedyPicksTheArgmaxAndTheLowestIdOnTies() {
    assertThat(new GreedySampler().sample(LOGITS, new Rng(1))).isEqualTo(3);
    assertThat(new GreedySampler().sample(new float[] {0f, 5f, 5f}, new Rng(1))).isEqualTo(1);
  }

  @Test
  void categoricalDrawsFollowTheSoftmax() {
    assertFrequenciesMatch(frequencies(new CategoricalSampler(), LOGITS, 7), softmax(LOGITS, 1f));
  }

  @Test
  void temperatureSharpensOrFlattens() {
    for (float t : new float[] {0.5f, 2f}) {
      Sampler s = new TemperatureSampler(t, new CategoricalSampler());
      assertFrequenciesMatch(frequencies(s, LOGITS, 11), softmax(LOGITS, t));
    }
  }

  @Test
  void topKSamplesOnlyAmongTheKBestInProportion() {
    double[] f = frequencies(new TopKSampler(3, new CategoricalSampler()), LOGITS, 3);
    // the top 3 are ids 3 (3.0), 1 and 5 (2.0 each)
    double z = Math.exp(3) + 2 * Math.exp(2);
    assertFrequenciesMatch(
        f, new double[] {0, Math.exp(2) / z, 0, Math.exp(3) / z, 0, Math.exp(2) / z});
  }

  @Test
  void topKBreaksTiesTowardsTheLowerId() {
    double[] f = frequencies(new TopKSampler(2, new CategoricalSampler()), LOGITS, 5);
    assertThat(f[5]).isZero();
    assertThat(f[1]).isGreaterThan(0.1);
  }

  @Test
  void topPKeepsTheSmallestNucleusReachingP() {
    double[] p = softmax(LOGITS, 1f); // sorted: 3 (0.48), 1 and 5 (0.18 each), 0, 2, 4
    double[] f = frequencies(new TopPSampler(0.6f, new CategoricalSampler()), LOGITS, 9);
    double z = p[3] + p[1];
    assertFrequenciesMatch(f, new double[] {0, p[1] / z, 0, p[3] / z, 0, 0});
  }

  @Test
  void topPOfOneIsPlainSampling() {
    Sampler s = new TopPSampler(1f, new CategoricalSampler());
    assertFrequenciesMatch(frequencies(s, LOGITS, 13), softmax(LOGITS, 1f));
  }

  @Test
  void samplersDoNotModifyTheLogits() {
    float[] logits = LOGITS.clone();
    new SamplingOptions(0.7f, 3, 0.9f).sampler().sample(logits, new Rng(1));
    assertThat(logits).containsExactly(LOGITS);
  }

  @Test
  void sameSeedSameTokens() {
    Sampler s = new SamplingOptions(1.3f, 4, 0.95f).sampler();
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    for (int i = 0; i < 100; i++) {
      assertThat(s.sample(LOGITS, a)).isEqualTo(s.sample(LOGITS, b));
    }
  }

  @Test
  void optionsBuildTheChainInOrder() {
    assertThat(new SamplingOptions(0f, 40, 0.9f).sampler()).isInstanceOf(GreedySampler.class);
    assertThat(new SamplingOptions(0.8f, 40, 0.9f).sampler())
        .hasToString("temperature 0.8 -> top-k 40 -> top-p 0.9 -> categorical");
    assertThat(SamplingOptions.DEFAULT.sampler()).hasToString("categorical");
  }

  @Test
  void invalidOptionsNameTheValue() {
    assertThatThrownBy(() -> new SamplingOptions(-1f, 0, 1f))
        .hasMessage("sampling: temperature must be >= 0 (0 = greedy), got -1.0");
    assertThatThrownBy(() -> new SamplingOptions(1f, -2, 1f))
        .hasMessage("sampling: top-k must be >= 0 (0 = off), got -2");
    assertThatThrownBy(() -> new SamplingOptions(1f, 0, 1.5f))
        .hasMessage("sampling: top-p must be in (0, 1] (1 = off), got 1.5");
  }

  @Test
  void tokenProbabilitiesListTheMostLikelyFirst() {
    TokenProbabilities p = TokenProbabilities.of(LOGITS);
    assertThat(p.top(3)).extracting(TokenProbabilities.Candidate::id).containsExactly(3, 1, 5);
    assertThat(p.probability(3)).isCloseTo((float) softmax(LOGITS, 1f)[3], within(1e-6f));
  }
}
