package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizersTest {
  @Test
  void rejectsUnknownTypeNamingTheFileAndTheKnownTypes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(file, "{\"type\": \"sentencepiece\"}");
    assertThatThrownBy(() -> Tokenizers.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tokenizer: "
                + file
                + " has type 'sentencepiece', expected one of char, word, bpe; save it with"
                + " Tokenizer.save");
  }

  @Test
  void rejectsInvalidJsonAndMissingFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.json");
    Files.writeString(file, "{oops");
    assertThatThrownBy(() -> Tokenizers.load(file))
        .hasMessageStartingWith(
            file + ": not valid JSON at line 1, column 2: Unexpected character");
    assertThatThrownBy(() -> Tokenizers.load(dir.resolve("missing.json")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
