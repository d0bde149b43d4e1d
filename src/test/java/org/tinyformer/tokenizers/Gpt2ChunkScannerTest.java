package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The hand-written GPT-2 scanner splits exactly like the GPT-2 regex. */
class Gpt2ChunkScannerTest {
  private static final PreTokenizer GPT2 = PreTokenizer.gpt2();

  private static void assertSameAsRegex(String text) {
    List<String> fast = new ArrayList<>();
    List<String> regex = new ArrayList<>();
    Gpt2ChunkScanner.forEachChunk(text, fast::add);
    GPT2.forEachRegexChunk(text, regex::add);
    assertThat(fast).as("chunks of %s", text).isEqualTo(regex);
  }

  @Property(tries = 500)
  void anyUnicodeString(@ForAll @StringLength(max = 60) String text) {
    assertSameAsRegex(text);
  }

  @Provide
  Arbitrary<String> tricky() {
    return Arbitraries.strings()
        .withChars(" \t\n\r'sStTlLrRvVemdx1٣²Ⅻ.,!?\u00A0\u3000\u2028é日\uD835\uDC00\uD800-")
        .ofMaxLength(30);
  }

  @Property(tries = 2000)
  void stringsOfTrickyCharacters(@ForAll("tricky") String text) {
    assertSameAsRegex(text);
  }

  @Test
  void sharedCorporaSplitIdentically() {
    assertSameAsRegex(SharedData.read(SharedData.SHAKESPEARE).substring(0, 200_000));
    assertSameAsRegex(SharedData.read(SharedData.DIR.resolve("texts/german.txt")));
    assertSameAsRegex(
        SharedData.read(SharedData.DIR.resolve("tinystories/tinystories_v2_sample_cs336.txt")));
  }
}
