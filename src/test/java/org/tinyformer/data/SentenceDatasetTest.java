package org.tinyformer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.tokenizers.CharTokenizer;
import org.tinyformer.tokenizers.WordTokenizer;

class SentenceDatasetTest {
  static final List<String> CORPUS =
      List.of(
          "hello , how are you ?",
          "hello , how is your day ?",
          "how are you ?",
          "how is your day ?");
  final WordTokenizer tok = WordTokenizer.fit(CORPUS, 1, 0);

  @Test
  void framesSentencesWithBosAndEos() {
    SentenceDataset data = SentenceDataset.of(CORPUS, tok, 64);
    int[] seq = data.sequence(2);
    assertThat(tok.decode(seq)).isEqualTo("<bos> how are you? <eos>");
  }

  @Test
  void padsEachBatchToItsLongestSentenceWithIgnoredTargets() {
    SentenceDataset data = SentenceDataset.of(CORPUS, tok, 64);
    List<Batch> batches = data.inOrder(3);
    assertThat(batches).hasSize(2);
    Batch first = batches.get(0);
    assertThat(first.length()).isEqualTo(8); // <bos> hello , how is your day ? (<eos> is a target)
    assertThat(tok.decode(first.inputRow(2))).isEqualTo("<bos> how are you? <pad> <pad> <pad>");
    assertThat(first.targetRow(2))
        .containsExactly(
            tok.encode("how")[0],
            tok.encode("are")[0],
            tok.encode("you")[0],
            tok.encode("?")[0],
            WordTokenizer.EOS_ID,
            Padding.IGNORE_INDEX,
            Padding.IGNORE_INDEX,
            Padding.IGNORE_INDEX);
    assertThat(batches.get(1).length()).isEqualTo(6); // only "how is your day ?": dynamic
    assertThat(first.targetCount()).isEqualTo(7 + 8 + 5);
  }

  @Test
  void cutsSentencesLongerThanMaxLength() {
    SentenceDataset data = SentenceDataset.of(CORPUS, tok, 4);
    assertThat(tok.decode(data.sequence(0))).isEqualTo("<bos> hello, how");
  }

  @Test
  void samplerIsSeededAndRestorable() {
    BatchSource a = SentenceDataset.of(CORPUS, tok, 64).sampler(5, 11);
    long[] state = a.state();
    Batch x = a.next();
    a.restore(state);
    assertThat(a.next().inputs()).containsExactly(x.inputs());
  }

  @Test
  void rejectsTokenizersWithoutSentenceMarkers() {
    assertThatThrownBy(() -> SentenceDataset.of(CORPUS, CharTokenizer.fit("abc"), 8))
        .hasMessage(
            "sentence dataset: the char tokenizer has no <bos> token; use a word tokenizer");
  }
}
