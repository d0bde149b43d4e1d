package org.tinyformer.models.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinyformer.models.GptConfig;

class GptFlopsTest {
  @Test
  void flopsPerTokenFollowSixNPlusAttention() {
    GptConfig c = GptConfig.preset("gpt2-small");
    GptFlops f = GptFlops.of(c);
    long nonEmbedding = c.parameterCount() - 50257L * 768 - 1024L * 768;
    // nanoGPT's estimate: 6N + 12 L C T for training, where N counts the head's matrix once
    long matrices = 12L * 12 * 768 * 768; // per layer 4C^2 (attention) + 8C^2 (MLP)
    assertThat(f.attentionProjections() + f.mlp()).isEqualTo(2 * matrices);
    assertThat(f.attentionScores()).isEqualTo(4L * 12 * 768 * 1024);
    assertThat(f.training()).isEqualTo(3 * f.forward());
    assertThat(nonEmbedding).isGreaterThan(matrices);
  }
}
