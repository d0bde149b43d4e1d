package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class BpeLongChunkTest {
  private static final BpeTokenizer GPT2 = SharedData.gpt2();

  private static int[] wholeHeap(byte[] bytes) {
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = GPT2.byteId(bytes[i]);
    }
    return Arrays.copyOf(ids, GPT2.merges().applyByHeap(ids, ids.length));
  }

  private static void assertSegmentedEqualsWhole(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] byteIds = new int[256];
    for (int b = 0; b < 256; b++) {
      byteIds[b] = GPT2.byteId(b);
    }
    assertThat(BpeLongChunk.merge(bytes, byteIds, GPT2.merges())).isEqualTo(wholeHeap(bytes));
  }

  @Test
  void gpt2MergesAreOrdered() {
    assertThat(GPT2.merges().ordered()).isTrue();
    BpeMerges madeAfterUse = new BpeMerges(new int[] {0, 3}, new int[] {3, 0}, new int[] {4, 3});
    assertThat(madeAfterUse.ordered()).isFalse();
  }

  @Test
  void segmentedMergeEqualsWholeChunkOnShakespeareWithoutSpaces() {
    String text = SharedData.read(SharedData.SHAKESPEARE).substring(0, 120_000);
    assertSegmentedEqualsWhole(text.replaceAll("[^A-Za-z]", ""));
  }

  @Test
  void segmentedMergeEqualsWholeChunkOnRandomLettersAndRepeats() {
    Rng rng = new Rng(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      sb.append((char) ('a' + rng.nextInt(26)));
    }
    assertSegmentedEqualsWhole(sb.toString());
    assertSegmentedEqualsWhole("a".repeat(50_001));
    assertSegmentedEqualsWhole("ab".repeat(20_001) + "0".repeat(9_999));
    assertSegmentedEqualsWhole("\u00e9t\u00e9".repeat(7_001));
  }

  @Test
  void encodeOfALongLineMatchesTheWholeChunkHeap() {
    Rng rng = new Rng(11);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      sb.append((char) ('a' + rng.nextInt(5)));
    }
    String s = sb.toString();
    assertThat(GPT2.encode(s)).isEqualTo(wholeHeap(s.getBytes(StandardCharsets.UTF_8)));
    assertThat(GPT2.decode(GPT2.encode(s))).isEqualTo(s);
  }
}
