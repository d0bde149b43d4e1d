package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {
  private final BpeTokenizer gpt2 = SharedData.gpt2();

  @Test
  void partialUtf8DecodesToReplacementCharacters() {
    int[] wave = gpt2.encode("👋");
    assertThat(wave).hasSizeGreaterThan(1);
    assertThat(gpt2.decode(new int[] {wave[0]})).isEqualTo("\uFFFD");
    assertThat(gpt2.decode(new int[] {gpt2.byteId(0xFF), gpt2.encode("a")[0]}))
        .isEqualTo("\uFFFDa");
  }

  @Test
  void decodeRejectsIdsOutsideTheVocabulary() {
    assertThatThrownBy(() -> gpt2.decode(new int[] {50257}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bpe decode: id 50257 out of range 0..50256");
  }

  @Test
  void describesItself() {
    assertThat(gpt2.type()).isEqualTo("bpe");
    assertThat(gpt2.vocabSize()).isEqualTo(50257);
    assertThat(gpt2.specialTokens()).containsEntry("<|endoftext|>", 50256).hasSize(1);
    assertThat(gpt2.allowSpecial()).isFalse();
  }

  @Test
  void batchEncodingKeepsOrder() {
    List<String> docs = List.of("first doc", "second one", "", "<|endoftext|>", "last");
    List<int[]> ids = gpt2.withAllowSpecial(true).encodeBatch(docs, 2);
    for (int i = 0; i < docs.size(); i++) {
      assertThat(ids.get(i)).isEqualTo(gpt2.encode(docs.get(i), true));
    }
    assertThat(ids.get(3)).containsExactly(50256);
  }

  @Test
  void longChunksUseTheHeapPathWithTheSameResult() {
    String longWord = "abracadabra".repeat(20);
    int[] ids = gpt2.encode(longWord);
    assertThat(gpt2.decode(ids)).isEqualTo(longWord);
    assertThat(ids.length).isLessThan(longWord.length() / 2);
  }

  @Test
  void byteLevelAlphabetIsGpt2s() {
    assertThat(ByteLevelAlphabet.toChar(' ')).isEqualTo('Ġ');
    assertThat(ByteLevelAlphabet.toChar('\n')).isEqualTo('Ċ');
    assertThat(ByteLevelAlphabet.toChar('A')).isEqualTo('A');
    for (int b = 0; b < 256; b++) {
      assertThat(ByteLevelAlphabet.toByte(ByteLevelAlphabet.toChar(b))).isEqualTo(b);
    }
  }
}
