package org.tinyformer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {
  @Test
  void readsTinyShakespeare() throws Exception {
    String text = TextCorpus.read(Path.of("../shared/data/tinyshakespeare.txt"));
    assertThat(text).hasSize(1_115_394).startsWith("First Citizen:\n");
  }

  @Test
  void readsMultiByteCharacters(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("de.txt");
    Files.writeString(file, "Grüße 👋");
    assertThat(TextCorpus.read(file)).isEqualTo("Grüße 👋");
  }

  @Test
  void rejectsInvalidByteNamingPathAndOffset(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, "café au lait".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TextCorpus.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "text corpus: "
                + file
                + " is not valid UTF-8: invalid byte 0xE9 at byte offset 3; convert it to UTF-8"
                + " first, e.g. iconv -f LATIN1 -t UTF-8");
  }

  @Test
  void countsTheOffsetInBytesNotCharacters(@TempDir Path dir) throws Exception {
    byte[] ok = "é👋".getBytes(StandardCharsets.UTF_8); // 2 + 4 bytes
    byte[] bytes = new byte[ok.length + 2];
    System.arraycopy(ok, 0, bytes, 0, ok.length);
    bytes[ok.length] = 'x';
    bytes[ok.length + 1] = (byte) 0xFF;
    assertThatThrownBy(() -> TextCorpus.decode(bytes, "mem"))
        .hasMessageContaining("invalid byte 0xFF at byte offset 7;");
  }

  @Test
  void reportsSequenceCutOffAtTheEnd() {
    byte[] bytes = {'a', (byte) 0xE2, (byte) 0x82};
    assertThatThrownBy(() -> TextCorpus.decode(bytes, "mem"))
        .hasMessageContaining(
            "mem is not valid UTF-8: truncated sequence 0xE2 0x82 at the end (byte" + " offset 1)");
  }
}
