package org.tinyformer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyformer.tokenizers.WordTokenizer;

class SimpleSentencesTest {
  @Test
  void isDeterministicBySeed() {
    assertThat(SimpleSentences.generate(50, 1)).isEqualTo(SimpleSentences.generate(50, 1));
    assertThat(SimpleSentences.generate(50, 1)).isNotEqualTo(SimpleSentences.generate(50, 2));
  }

  @Test
  void usesAFewHundredWordsAndRoundTripsThroughTheWordTokenizer() {
    List<String> lines = SimpleSentences.generate(20_000, 1337);
    WordTokenizer tok = WordTokenizer.fit(lines, 1, 0);
    assertThat(tok.vocabSize()).isBetween(250, 600);
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      assertThat(tok.decode(tok.encode(line))).isEqualTo(line);
      seen.addAll(WordTokenizer.split(line));
    }
    assertThat(SimpleSentences.vocabulary())
        .containsAll(seen.stream().filter(w -> Character.isLetter(w.charAt(0))).toList());
    assertThat(seen).doesNotContain("a apple").contains("an", "children");
  }

  @Test
  void pluralsFollowEnglishSpelling() {
    assertThat(SimpleSentences.plural("box")).isEqualTo("boxes");
    assertThat(SimpleSentences.plural("baby")).isEqualTo("babies");
    assertThat(SimpleSentences.plural("toy")).isEqualTo("toys");
    assertThat(SimpleSentences.plural("child")).isEqualTo("children");
  }
}
