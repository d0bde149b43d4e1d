package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {
  @Test
  void gpt2KeepsTheLeadingSpaceWithTheWord() {
    assertThat(PreTokenizer.gpt2().split("Hello world, it's 2024!  \n"))
        .containsExactly("Hello", " world", ",", " it", "'s", " 2024", "!", "  \n");
  }

  @Test
  void gpt2LeavesTheLastSpaceOfARunForTheNextWord() {
    assertThat(PreTokenizer.gpt2().split("a   b")).containsExactly("a", "  ", " b");
  }

  @Test
  void whitespaceMeansUnicodeWhiteSpace() {
    // like \s+(?!\S) in the regex module: the run gives up its last character
    assertThat(PreTokenizer.gpt2().split("a\u00A0\u3000b"))
        .containsExactly("a", "\u00A0", "\u3000", "b");
  }

  @Test
  void gpt4GroupsDigitsByThreeAndContractionsIgnoreCase() {
    assertThat(PreTokenizer.gpt4().split("12345 DON'T")).containsExactly("123", "45", " DON", "'T");
    assertThat(PreTokenizer.gpt4().split("end.\n\nNext")).containsExactly("end", ".\n\n", "Next");
  }

  @Test
  void namedPatternsAndCustomRegex() {
    assertThat(PreTokenizer.of("gpt2").regex()).isEqualTo(PreTokenizer.GPT2_PATTERN);
    assertThat(PreTokenizer.of("gpt4").toString()).isEqualTo("gpt4");
    assertThat(PreTokenizer.of("\\S+|\\s+").split("a b")).isEqualTo(List.of("a", " ", "b"));
    assertThatThrownBy(() -> PreTokenizer.of("("))
        .hasMessageStartingWith("pre-tokenizer: invalid pattern");
  }

  @Test
  void cutsBeforeSpacesDoNotChangeTheChunks() {
    String text = SharedData.read(SharedData.DIR.resolve("texts/german.txt")).repeat(40);
    for (PreTokenizer p : List.of(PreTokenizer.gpt2(), PreTokenizer.gpt4())) {
      List<String> parts = BpeTextSplitter.split(text, 100);
      assertThat(parts).hasSizeGreaterThan(100);
      assertThat(parts.stream().flatMap(s -> p.split(s).stream()).toList())
          .isEqualTo(p.split(text));
    }
  }

  @Test
  void textAPatternDoesNotCoverBecomesItsOwnChunk() {
    PreTokenizer letters = PreTokenizer.of("\\p{L}+");
    assertThat(letters.split("Hello, world! 123")).containsExactly("Hello", ", ", "world", "! 123");
    assertThat(PreTokenizer.of("x*").split("abxxc")).containsExactly("a", "b", "xx", "c");
    BpeTokenizer t =
        BpeTrainer.train("Hello, world! 123 Hello", 262, letters, java.util.List.of(), 1);
    assertThat(t.decode(t.encode("Hello, world! 123"))).isEqualTo("Hello, world! 123");
  }
}
