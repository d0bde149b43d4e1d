package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Paths into {@code ../shared/data} and the GPT-2 tokenizer loaded once for all tests. */
final class SharedData {
  static final Path DIR = Path.of("../shared/data");
  static final Path GPT2 = DIR.resolve("gpt2");
  static final Path SHAKESPEARE = DIR.resolve("tinyshakespeare.txt");
  private static BpeTokenizer gpt2;

  private SharedData() {}

  /** The official GPT-2 tokenizer; fails (never skips) when the shared data is missing. */
  static synchronized BpeTokenizer gpt2() {
    assertThat(GPT2.resolve("encoder.json")).as("shared data beside the repository").exists();
    if (gpt2 == null) {
      try {
        gpt2 = Gpt2BpeFiles.load(GPT2);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return gpt2;
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] readIds(Path path) {
    String text = read(path).trim();
    return text.isEmpty()
        ? new int[0]
        : Arrays.stream(text.split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }
}
