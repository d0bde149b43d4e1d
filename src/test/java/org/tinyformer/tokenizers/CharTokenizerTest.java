package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTokenizerTest {
  static final Path SHAKESPEARE = Path.of("../shared/data/tinyshakespeare.txt");

  @Test
  void tinyShakespeareHas65SortedSymbolsLikeNanoGpt() throws Exception {
    String text = Files.readString(SHAKESPEARE);
    CharTokenizer tok = CharTokenizer.fit(text);
    assertThat(tok.vocabSize()).isEqualTo(65);
    assertThat(tok.alphabet())
        .isEqualTo("\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    assertThat(tok.encode("hii there")).containsExactly(46, 47, 47, 1, 58, 46, 43, 56, 43);
    assertThat(tok.decode(tok.encode(text))).isEqualTo(text);
    assertThat(tok.specialTokens()).isEmpty();
  }

  @Test
  void rejectsUnseenCharacterNamingItAndItsPosition() {
    CharTokenizer tok = CharTokenizer.fit("abc");
    assertThatThrownBy(() -> tok.encode("abcé"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "char tokenizer: character 'é' at position 3 is not in the vocabulary (3 characters)");
  }

  @Test
  void escapesNonPrintableUnseenCharacters() {
    CharTokenizer tok = CharTokenizer.fit("ab");
    assertThatThrownBy(() -> tok.encode("a\tb"))
        .hasMessage(
            "char tokenizer: character '\\t' at position 1 is not in the vocabulary (2 characters)");
    assertThatThrownBy(() -> tok.encode("ab\u0007"))
        .hasMessageContaining("character '\\u0007' at position 2");
    assertThatThrownBy(() -> tok.encode("\u00a0")).hasMessageContaining("'\\u00A0'");
  }

  @Test
  void positionsCountCodePointsSoEmojiTakeOneId() {
    CharTokenizer tok = CharTokenizer.fit("a👋b");
    assertThat(tok.vocabSize()).isEqualTo(3);
    assertThat(tok.encode("👋a")).containsExactly(2, 0);
    assertThat(tok.decode(new int[] {2, 0})).isEqualTo("👋a");
    assertThatThrownBy(() -> tok.encode("👋🌍")).hasMessageContaining("'🌍' at position 1");
  }

  @Test
  void mapsUnseenCharactersToUnkWhenBuiltWithIt() {
    CharTokenizer tok = CharTokenizer.fit("ba", true);
    assertThat(tok.vocabSize()).isEqualTo(3);
    assertThat(tok.specialTokens()).containsEntry("<unk>", 2);
    assertThat(tok.encode("abz")).containsExactly(0, 1, 2);
    assertThat(tok.decode(new int[] {0, 2})).isEqualTo("a<unk>");
  }

  @Test
  void rejectsIdsOutsideTheVocabulary() {
    CharTokenizer tok = CharTokenizer.fit("ab");
    assertThatThrownBy(() -> tok.decode(new int[] {2}))
        .hasMessage("char tokenizer: id 2 is outside the vocabulary [0, 2)");
  }

  @Test
  void savesAndLoadsThroughTokenizers(@TempDir Path dir) throws Exception {
    CharTokenizer tok = CharTokenizer.fit("hello\n wörld 👋", true);
    Path file = dir.resolve("tokenizer.json");
    tok.save(file);
    assertThat(Files.readString(file)).contains("\"type\" : \"char\"");
    Tokenizer loaded = Tokenizers.load(file);
    assertThat(loaded).isInstanceOf(CharTokenizer.class);
    assertThat(loaded.vocabSize()).isEqualTo(tok.vocabSize());
    assertThat(loaded.encode("wörld 👋?")).containsExactly(tok.encode("wörld 👋?"));
  }
}
