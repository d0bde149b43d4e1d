package org.tinyformer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.Gpt2BpeFiles;

/**
 * BPE encode/decode with the GPT-2 files: any text decodes back to itself (as UTF-8), a text made
 * long by repetition (the segmented long-chunk path) merges like the whole-chunk heap, and any ids
 * either decode or are refused by name.
 */
class BpeEncodeFuzzTest {
  private static final BpeTokenizer GPT2 = load();

  /** The longest repeated line checked against the whole-chunk oracle. */
  private static final int MAX_LINE = 8 * 4096;

  private static BpeTokenizer load() {
    try {
      return Gpt2BpeFiles.load(Path.of("../shared/data/gpt2"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void encodeDecodeRoundTrips(FuzzedDataProvider data) {
    boolean special = data.consumeBoolean();
    int repeat = data.consumeInt(1, 3000);
    String text = data.consumeRemainingAsString();
    String utf8 = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    BpeTokenizer t = GPT2.withAllowSpecial(special);
    assertThat(t.decode(t.encode(text))).isEqualTo(utf8);
    String letters = text.replaceAll("[^a-zA-Z]", "");
    if (!letters.isEmpty() && (long) repeat * letters.length() > 8192) {
      // at most about 8 segments of BpeLongChunk (4096 bytes each): every cut is checked against
      // its neighbours only, so a longer line runs the same code more slowly (it was 7 inputs/s)
      int times = Math.min(repeat, MAX_LINE / letters.length() + 1);
      byte[] line = letters.repeat(times).getBytes(StandardCharsets.US_ASCII); // one chunk
      int[] whole = new int[line.length];
      for (int i = 0; i < line.length; i++) {
        whole[i] = GPT2.byteId(line[i]);
      }
      int n = GPT2.merges().apply(whole, whole.length); // the whole-chunk heap: the oracle
      assertThat(t.encode(new String(line, StandardCharsets.US_ASCII)))
          .isEqualTo(Arrays.copyOf(whole, n));
    }
  }

  @FuzzTest(maxDuration = "10m")
  void decodeAnyIds(FuzzedDataProvider data) throws Exception {
    int[] ids = data.consumeInts(1000);
    FuzzFiles.expectUserErrorOnly(() -> GPT2.decode(ids));
  }
}
