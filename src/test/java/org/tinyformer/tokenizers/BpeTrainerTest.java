package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  private static String merge(BpeTokenizer t, int rank) {
    BpeMerges m = t.merges();
    return new String(t.tokenBytes(m.left(rank)), StandardCharsets.UTF_8)
        + "|"
        + new String(t.tokenBytes(m.right(rank)), StandardCharsets.UTF_8);
  }

  @Test
  void equalCountsMergeTheLexicographicallyGreaterPair() {
    // chunks "ab", " ab", " cd", " cd": (a,b), ( ,c) and (c,d) all occur twice
    BpeTokenizer t = BpeTrainer.train("ab ab cd cd", 260, PreTokenizer.gpt2(), List.of(), 1);
    assertThat(merge(t, 0)).isEqualTo("c|d");
    assertThat(merge(t, 1)).isEqualTo("a|b");
    assertThat(merge(t, 2)).isEqualTo(" |cd");
    assertThat(merge(t, 3)).isEqualTo(" |ab");
    assertThat(t.vocabSize()).isEqualTo(260);
  }

  @Test
  void incrementalCountsGiveTheSameMergesAsFullRecounts() {
    String text = SharedData.read(SharedData.SHAKESPEARE).substring(0, 30_000);
    BpeTokenizer t = BpeTrainer.train(text, 256 + 300, PreTokenizer.gpt2(), List.of(), 2);
    List<byte[][]> expected =
        NaiveBpeTrainer.merges(BpeChunkCounter.count(text, PreTokenizer.gpt2(), List.of(), 1), 300);
    assertThat(t.merges().size()).isEqualTo(300);
    for (int r = 0; r < 300; r++) {
      assertThat(t.tokenBytes(t.merges().left(r)))
          .as("merge %d left", r)
          .isEqualTo(expected.get(r)[0]);
      assertThat(t.tokenBytes(t.merges().right(r)))
          .as("merge %d right", r)
          .isEqualTo(expected.get(r)[1]);
    }
  }

  @Test
  void oneAndTwoThreadsTrainTheSameTokenizer() {
    String text = SharedData.read(SharedData.SHAKESPEARE).substring(0, 200_000);
    BpeTokenizer one = BpeTrainer.train(text, 1000, PreTokenizer.gpt2(), List.of(), 1);
    BpeTokenizer two = BpeTrainer.train(text, 1000, PreTokenizer.gpt2(), List.of(), 2);
    for (int r = 0; r < one.merges().size(); r++) {
      assertThat(two.merges().merged(r)).isEqualTo(one.merges().merged(r));
      assertThat(two.tokenBytes(r + 256)).isEqualTo(one.tokenBytes(r + 256));
    }
  }

  @Test
  void specialTokensComeLastAndNoMergeCrossesThem() {
    String text = "the cat<|endoftext|>the cat<|endoftext|>the dog";
    BpeTokenizer t = BpeTrainer.train(text, 280, PreTokenizer.gpt2(), List.of("<|endoftext|>"), 1);
    assertThat(t.specialTokens()).isEqualTo(Map.of("<|endoftext|>", t.vocabSize() - 1));
    for (int id = 256; id < t.vocabSize() - 1; id++) {
      assertThat(new String(t.tokenBytes(id), StandardCharsets.UTF_8)).doesNotContain("<|", "|>");
    }
    assertThat(t.encode(text, true)).contains(t.vocabSize() - 1);
    assertThat(t.decode(t.encode(text, true))).isEqualTo(text);
  }

  @Test
  void stopsEarlyWhenEveryChunkIsOneToken() {
    BpeTokenizer t = BpeTrainer.train("aaa bbb", 10_000, PreTokenizer.gpt2(), List.of(), 1);
    assertThat(t.encode("aaa bbb")).hasSize(2);
    assertThat(t.vocabSize()).isLessThan(300);
  }

  @Test
  void rejectsVocabSmallerThanTheByteAlphabet() {
    assertThatThrownBy(() -> BpeTrainer.train("x", 200, PreTokenizer.gpt2(), List.of("<s>"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bpe train: vocab size must be at least 256 + 1 special tokens = 257, got 200");
  }

  @Test
  void trainedTokenizerRoundTripsTheCorpus() {
    String text = SharedData.read(SharedData.SHAKESPEARE).substring(0, 100_000);
    BpeTokenizer t = BpeTrainer.train(text, 2048, PreTokenizer.gpt4(), List.of(), 2);
    int[] ids = t.encode(text);
    assertThat(t.decode(ids)).isEqualTo(text);
    assertThat(ids.length).isLessThan(text.length() / 3);
  }
}
