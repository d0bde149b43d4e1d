package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official GPT-2 files reproduce the published reference ids of ../shared/data/README.md. */
class Gpt2ReferenceIdsTest {
  private final BpeTokenizer gpt2 = SharedData.gpt2();

  private static int[] ids(String spaceSeparated) {
    return spaceSeparated.isEmpty()
        ? new int[0]
        : Stream.of(spaceSeparated.split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hello world|31373 995",
        "0|15",
        "00|405",
        "000|830",
        "0000|2388",
        "00000|20483",
        "000000|10535",
        "0000000|24598",
        "00000000|8269",
        "000000000|10535 830",
        "0000000000|8269 405",
        "0000000000000000|25645",
        "00000000000000000|8269 10535 830",
        "This is some text|1212 318 617 2420",
        "indivisible|521 452 12843",
        "hello 👋 world 🌍|31373 50169 233 995 12520 234 235",
        "toString constructor hasOwnProperty valueOf|1462 10100 23772 468 23858 21746 1988 5189"
      })
  void matchesTiktokenAndGpt3EncoderCases(String text, String expected) {
    assertThat(gpt2.encodeOrdinary(text)).containsExactly(ids(expected));
  }

  @Test
  void encodesWhitespaceAndEmptyText() {
    assertThat(gpt2.encode("")).isEmpty();
    assertThat(gpt2.encode(" ")).containsExactly(220);
    assertThat(gpt2.encode("\t")).containsExactly(197);
  }

  @Test
  void specialTokenIsOneIdOnlyWhenAllowed() {
    assertThat(gpt2.encode("hello <|endoftext|>", true)).containsExactly(31373, 220, 50256);
    assertThat(gpt2.encode("hello <|endoftext|>", false))
        .doesNotContain(50256)
        .hasSizeGreaterThan(3);
    assertThat(gpt2.encode("hello <|endoftext|>"))
        .as("default is not allowed")
        .doesNotContain(50256);
    assertThat(gpt2.withAllowSpecial(true).encode("<|endoftext|>")).containsExactly(50256);
  }

  @Test
  void tinyShakespeareSplitGivesNanoGptTokenCounts() {
    String text = SharedData.read(SharedData.SHAKESPEARE);
    int split = (int) (0.9 * text.length());
    assertThat(split).isEqualTo(1_003_854);
    int[] train = gpt2.encodeOrdinary(text.substring(0, split));
    int[] val = gpt2.encodeOrdinary(text.substring(split));
    assertThat(train).hasSize(301_966);
    assertThat(val).hasSize(36_059);
    assertThat(java.util.Arrays.copyOf(train, 10))
        .containsExactly(5962, 22307, 25, 198, 8421, 356, 5120, 597, 2252, 11);
    assertThat(gpt2.withAllowSpecial(false).encodeParallel(text.substring(0, split), 2))
        .isEqualTo(train);
  }

  @Test
  void derivedIdFilesMatch() {
    Path d = SharedData.GPT2.resolve("derived_ids");
    assertThat(gpt2.encodeOrdinary(SharedData.read(SharedData.DIR.resolve("texts/address.txt"))))
        .isEqualTo(SharedData.readIds(d.resolve("address.ids")));
    assertThat(gpt2.encodeOrdinary(SharedData.read(SharedData.DIR.resolve("texts/german.txt"))))
        .isEqualTo(SharedData.readIds(d.resolve("german.ids")));
    String stories =
        SharedData.read(SharedData.DIR.resolve("tinystories/tinystories_v2_sample_cs336.txt"));
    assertThat(gpt2.encode(stories, true))
        .isEqualTo(SharedData.readIds(d.resolve("tinystories_v2_sample_cs336.ids")));
  }

  @Test
  void everySharedTextFileRoundTrips() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(SharedData.DIR)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".pdf")).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path f : files) {
      String text = SharedData.read(f);
      assertThat(gpt2.decode(gpt2.encodeOrdinary(text))).as(f.toString()).isEqualTo(text);
      assertThat(gpt2.decode(gpt2.encode(text, true))).as(f.toString()).isEqualTo(text);
    }
  }
}
