package org.tinyformer.data.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.BpeTrainer;
import org.tinyformer.tokenizers.PreTokenizer;

class CorpusChunkCounterTest {
  static final Path STORIES = Path.of("../shared/data/tinystories/tinystories_valid_sample.txt");
  static final List<String> EOT = List.of("<|endoftext|>");

  @TempDir Path dir;

  @Test
  void streamedCountsTrainTheSameTokenizerAsTheWholeText() throws IOException {
    assertThat(STORIES).as("shared data beside the repository").exists();
    String text = Files.readString(STORIES).substring(0, 200_000);
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    int cut = text.indexOf(' ', 120_000);
    while (!Character.isLetter(text.charAt(cut - 1))) {
      cut = text.indexOf(' ', cut + 1);
    }
    // the two files meet at a cut the pre-tokenizer also makes (before a space after a letter)
    Files.writeString(a, text.substring(0, cut));
    Files.writeString(b, text.substring(cut));
    CorpusChunkCounter.Counts counts =
        CorpusChunkCounter.count(
            List.of(a, b),
            "text",
            "strict",
            PreTokenizer.gpt2(),
            EOT,
            2,
            (read, total, chunks) -> {});
    assertThat(counts.textBytes()).isEqualTo(Files.size(a) + Files.size(b));
    BpeTokenizer streamed = BpeTrainer.train(counts.chunks(), 600, PreTokenizer.gpt2(), EOT);
    BpeTokenizer whole = BpeTrainer.train(text, 600, PreTokenizer.gpt2(), EOT, 1);
    assertThat(streamed.vocabSize()).isEqualTo(600);
    for (int id = 0; id < 600; id++) {
      assertThat(streamed.tokenBytes(id)).isEqualTo(whole.tokenBytes(id));
    }
    Map<String, Long> chunks = counts.chunks();
    assertThat(chunks).doesNotContainKey("<|endoftext|>");
  }

  @Test
  void aSeededSampleIsReproducibleAndInCorpusOrder() throws IOException {
    Path f = dir.resolve("docs.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("{\"text\": \"doc ").append(i).append("\"}\n");
    }
    Files.writeString(f, sb.toString());
    List<String> one = CorpusDocuments.sample(List.of(f), "text", "strict", 20, 7);
    assertThat(one)
        .hasSize(20)
        .isEqualTo(CorpusDocuments.sample(List.of(f), "text", "strict", 20, 7));
    assertThat(one).isNotEqualTo(CorpusDocuments.sample(List.of(f), "text", "strict", 20, 8));
    List<Integer> numbers = one.stream().map(d -> Integer.parseInt(d.substring(4))).toList();
    assertThat(numbers).isSorted();
    assertThat(numbers.get(19)).isGreaterThan(100); // not simply the first 20
    assertThat(CorpusDocuments.sample(List.of(f), "text", "strict", 1000, 7)).hasSize(500);
  }

  @Test
  void textDocumentsAreTheStoriesBetweenEndOfTextMarkers() throws IOException {
    Path f = dir.resolve("s.txt");
    Files.writeString(f, "one two<|endoftext|>\nthree<|endoftext|>  \n<|endoftext|>four");
    List<String> docs = new java.util.ArrayList<>();
    CorpusDocuments.forEach(List.of(f), "text", "strict", docs::add);
    assertThat(docs).containsExactly("one two", "\nthree", "four");
  }
}
