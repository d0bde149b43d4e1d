package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BpeAnalysisTest {
  private static BpeAnalysis.Row row(int vocab, double bytesPerToken, double rare) {
    return new BpeAnalysis.Row("bpe-" + vocab, vocab, 100, bytesPerToken, 1.0, rare, new int[] {1});
  }

  @Test
  void recommendsTheKneeOfCompression() {
    List<BpeAnalysis.Row> rows =
        List.of(row(512, 2.0, 0), row(1024, 2.5, 0), row(2048, 2.9, 0.1), row(4096, 3.0, 0.1));
    BpeAnalysis.Recommendation r = BpeAnalysis.recommend(rows, 10);
    assertThat(r.vocabSize()).isEqualTo(2048);
    assertThat(r.reason()).contains("going to 4096 gains only 3.4% bytes/token per doubling");
  }

  @Test
  void stopsWhereTooManyIdsAreRare() {
    List<BpeAnalysis.Row> rows = List.of(row(512, 2.0, 0), row(1024, 2.5, 0), row(2048, 3.2, 0.5));
    BpeAnalysis.Recommendation r = BpeAnalysis.recommend(rows, 10);
    assertThat(r.vocabSize()).isEqualTo(1024);
    assertThat(r.reason()).contains("at 2048, 50% of ids are seen fewer than 10 times");
  }

  @Test
  void measuresCompressionUseAndRareIds() {
    String text = "aaaa bbbb\n\naaaa cccc";
    assertThat(BpeAnalysis.documents(text)).containsExactly("aaaa bbbb", "aaaa cccc");
    BpeTokenizer t = BpeTrainer.train(text, 270, PreTokenizer.gpt2(), List.of(), 1);
    BpeAnalysis.Row r = BpeAnalysis.measure("bpe", t, BpeAnalysis.documents(text), 2);
    assertThat(r.tokens()).isEqualTo(4);
    assertThat(r.bytesPerToken()).isEqualTo(18 / 4.0);
    assertThat(r.rareShare()).isEqualTo(2 / 3.0); // " bbbb" and " cccc" once, "aaaa" twice
    assertThat(BpeAnalysis.histogram(new int[] {1, 2, 3, 9})).containsExactly(1, 2, 0, 1);
  }
}
