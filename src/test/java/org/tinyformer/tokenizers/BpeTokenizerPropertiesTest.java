package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Random Unicode text round-trips, and neither encoding nor decoding ever throws. */
class BpeTokenizerPropertiesTest {
  private static final BpeTokenizer GPT2 = SharedData.gpt2();
  private static final BpeTokenizer SMALL =
      BpeTrainer.train(
          SharedData.read(SharedData.DIR.resolve("texts/german.txt")),
          400,
          PreTokenizer.gpt4(),
          List.of("<|endoftext|>"),
          1);

  @Property(tries = 300)
  void gpt2RoundTripsAnyString(@ForAll @StringLength(max = 80) String text) {
    assertThat(GPT2.decode(GPT2.encode(text, false))).isEqualTo(text);
    assertThat(GPT2.decode(GPT2.encode(text, true))).isEqualTo(text);
  }

  @Property(tries = 300)
  void trainedTokenizerRoundTripsAnyString(@ForAll @StringLength(max = 80) String text) {
    assertThat(SMALL.decode(SMALL.encode(text))).isEqualTo(text);
  }

  @Property(tries = 100)
  void parallelEncodingEqualsSequential(@ForAll @StringLength(max = 400) String text) {
    String long_ = text.repeat(50);
    assertThat(GPT2.encodeParallel(long_, 2)).isEqualTo(GPT2.encode(long_));
  }

  @Property(tries = 300)
  void decodingAnyIdsNeverThrows(
      @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 50256) Integer> ids) {
    String text = GPT2.decode(ids.stream().mapToInt(Integer::intValue).toArray());
    assertThat(text).isNotNull();
  }
}
