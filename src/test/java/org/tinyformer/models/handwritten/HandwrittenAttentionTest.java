package org.tinyformer.models.handwritten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.AttentionWeights;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.models.gpt.Gpt;

class HandwrittenAttentionTest {
  @Test
  void recordsTheSameAttentionAsTheAutogradGptInEverySlice() {
    GptConfig config = GptConfig.gpt2(11, 8, 2, 2, 16, 0f);
    int B = 4;
    int T = 6;
    int[] ids = new int[B * T]; // (B, T)
    Rng rng = new Rng(9);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rng.nextInt(11);
    }
    Batch batch = new Batch(ids, new int[B * T], B, T);
    RecordedAttention auto = new Gpt(config, new Rng(3)).recordAttention(batch);
    RecordedAttention hand = new HandwrittenGpt(config, new Rng(3), 2).recordAttention(batch);
    assertThat(hand.numLayers(AttentionKind.DECODER)).isEqualTo(2);
    for (int l = 0; l < 2; l++) {
      AttentionWeights a = auto.get(AttentionKind.DECODER, l);
      AttentionWeights h = hand.get(AttentionKind.DECODER, l);
      assertThat(List.of(h.B(), h.NH(), h.Tq(), h.Tk())).isEqualTo(List.of(B, 2, T, T));
      for (int i = 0; i < a.data().length; i++) {
        assertThat(h.data()[i])
            .as("layer %d, index %d", l, i)
            .isCloseTo(a.data()[i], within(1e-5f));
      }
    }
  }
}
