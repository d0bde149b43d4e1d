package org.tinyformer.visualization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.CharTokenizer;

class GptAttentionTest {
  @Test
  void labelsEveryLayerOfACausalModelByToken() {
    CharTokenizer tok = CharTokenizer.fit("ab c\n");
    Gpt gpt = new Gpt(GptConfig.gpt2(tok.vocabSize(), 8, 2, 2, 16, 0f), new Rng(1));
    AttentionMaps maps = GptAttention.of(gpt, tok, "ab c", "gpt");
    assertThat(maps.numLayers(AttentionKind.DECODER)).isEqualTo(2);
    AttentionMap m = maps.map(AttentionKind.DECODER, 1, 0);
    assertThat(m.queryTokens()).isEqualTo(List.of("a", "b", "·", "c"));
    assertThat(m.weights()[0][1]).isZero(); // causal: the first token sees only itself
    assertThat(m.title()).isEqualTo("gpt · layer 1 · head 0 · decoder self-attention");
    assertThat(
            AttentionFigures.headsOfLayer(maps.headsOfLayer(AttentionKind.DECODER, 0)).getWidth())
        .isEqualTo(2 * AttentionFigures.PANEL_WIDTH);
  }

  @Test
  void axesAreQueryAndKeyPositionsInThePrompt() {
    CharTokenizer tok = CharTokenizer.fit("ab c\n");
    Gpt gpt = new Gpt(GptConfig.gpt2(tok.vocabSize(), 8, 2, 2, 16, 0f), new Rng(1));
    AttentionMaps maps = GptAttention.of(gpt, tok, "ab c", "gpt");
    List<AttentionMap> all = new java.util.ArrayList<>(maps.headsOfLayer(AttentionKind.DECODER, 0));
    all.addAll(maps.headAcrossLayers(AttentionKind.DECODER, AttentionMap.MEAN_OF_HEADS));
    all.add(maps.map(AttentionKind.DECODER, 1, 1).withTask("other"));
    for (AttentionMap m : all) {
      assertThat(m.queryAxisTitle()).isEqualTo("query position");
      assertThat(m.keyAxisTitle()).isEqualTo("key position");
    }
    var chart = AttentionHeatmap.chart(all.get(0), "t", 300, 300);
    assertThat(chart.getYAxisTitle()).isEqualTo("query position");
    assertThat(chart.getXAxisTitle()).isEqualTo("key position");
  }

  @Test
  void encoderDecoderMapsKeepTheirInputAndOutputAxes() {
    AttentionMap decoder = AttentionFiguresTest.map("copy", AttentionKind.DECODER, 0, 0, false);
    assertThat(decoder.queryAxisTitle()).isEqualTo("query (output)");
    assertThat(decoder.keyAxisTitle()).isEqualTo("key (output)");
    AttentionMap cross = AttentionFiguresTest.map("copy", AttentionKind.CROSS, 0, 0, false);
    assertThat(cross.queryAxisTitle()).isEqualTo("query (output)");
    assertThat(cross.keyAxisTitle()).isEqualTo("key (input)");
  }
}
