package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTokenizerTest {
  static final List<String> CORPUS =
      List.of(
          "hello , how are you ?",
          "hello , how is your day ?",
          "how are you ?",
          "how is your day ?");

  @Test
  void splitsWordsAndPunctuationKeepingContractions() {
    assertThat(WordTokenizer.split("Hello, world! Don't stop (now)."))
        .containsExactly("Hello", ",", "world", "!", "Don't", "stop", "(", "now", ")", ".");
    assertThat(WordTokenizer.split("<bos> hi <eos>")).containsExactly("<bos>", "hi", "<eos>");
  }

  @Test
  void specialsComeFirstThenWordsByFrequency() {
    WordTokenizer tok = WordTokenizer.fit(CORPUS, 1, 0);
    assertThat(tok.specialTokens())
        .containsEntry("<pad>", 0)
        .containsEntry("<bos>", 1)
        .containsEntry("<eos>", 2)
        .containsEntry("<unk>", 3);
    // how x4, ? x4, then are/hello/is/you/your/day/, by count and name
    assertThat(tok.token(4)).isEqualTo("?");
    assertThat(tok.token(5)).isEqualTo("how");
    assertThat(tok.vocabSize()).isEqualTo(4 + 9);
  }

  @Test
  void mapsOutOfVocabularyWordsToUnkWithoutCrashing() {
    WordTokenizer tok = WordTokenizer.fit(CORPUS, 1, 0);
    int[] ids = tok.encode("Hi my name is Ben");
    assertThat(ids).containsExactly(3, 3, 3, tok.encode("is")[0], 3);
    assertThat(tok.decode(ids)).isEqualTo("<unk> <unk> <unk> is <unk>");
  }

  @Test
  void decodesWithoutSpaceBeforePunctuation() {
    WordTokenizer tok = WordTokenizer.fit(List.of("hello, how are you? (fine) thanks."), 1, 0);
    String text = "hello, how are you? (fine) thanks.";
    assertThat(tok.decode(tok.encode(text))).isEqualTo(text);
    assertThat(tok.decode(tok.encode("<bos> hello <eos>"))).isEqualTo("<bos> hello <eos>");
  }

  @Test
  void minCountAndMaxSizeLimitTheVocabulary() {
    assertThat(WordTokenizer.fit(CORPUS, 2, 0).vocabSize()).isEqualTo(4 + 9);
    assertThat(WordTokenizer.fit(CORPUS, 3, 0).vocabSize()).isEqualTo(4 + 2);
    WordTokenizer small = WordTokenizer.fit(CORPUS, 1, 6);
    assertThat(small.vocabSize()).isEqualTo(6);
    assertThat(small.encode("how day")).containsExactly(5, 3);
    assertThatThrownBy(() -> WordTokenizer.fit(CORPUS, 1, 4))
        .hasMessage("word tokenizer: maxSize must be 0 (no limit) or > 4 (the specials), got 4");
  }

  @Test
  void savesAndLoadsThroughTokenizers(@TempDir Path dir) throws Exception {
    WordTokenizer tok = WordTokenizer.fit(CORPUS, 1, 0);
    Path file = dir.resolve("tokenizer.json");
    tok.save(file);
    Tokenizer loaded = Tokenizers.load(file);
    assertThat(loaded.type()).isEqualTo("word");
    assertThat(loaded.encode("how is your cat ?")).containsExactly(tok.encode("how is your cat ?"));
    assertThat(loaded.decode(tok.encode("how is your day ?"))).isEqualTo("how is your day?");
  }
}
