package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeFilesTest {
  @TempDir Path dir;

  private static final String SAMPLE =
      SharedData.read(SharedData.DIR.resolve("tinystories/tinystories_v2_sample_cs336.txt"))
          + SharedData.read(SharedData.DIR.resolve("texts/german.txt"));

  private static void assertSameEncoding(BpeTokenizer a, BpeTokenizer b) {
    assertThat(b.vocabSize()).isEqualTo(a.vocabSize());
    assertThat(b.specialTokens()).isEqualTo(a.specialTokens());
    assertThat(b.merges().size()).isEqualTo(a.merges().size());
    assertThat(b.preTokenizer().regex()).isEqualTo(a.preTokenizer().regex());
    assertThat(b.encode(SAMPLE, true)).isEqualTo(a.encode(SAMPLE, true));
  }

  @Test
  void gpt2SurvivesEveryFormat() throws IOException {
    BpeTokenizer gpt2 = SharedData.gpt2();
    gpt2.save(dir.resolve("own.json"));
    assertSameEncoding(gpt2, BpeFiles.load(dir.resolve("own.json")));
    BpeFiles.save(gpt2, dir.resolve("tokenizer.json"), "huggingface");
    assertSameEncoding(gpt2, BpeFiles.load(dir.resolve("tokenizer.json")));
    BpeFiles.save(gpt2, dir.resolve("gpt2"), "gpt2");
    assertSameEncoding(gpt2, BpeFiles.load(dir.resolve("gpt2")));
    assertThat(Files.readAllLines(dir.resolve("gpt2/vocab.bpe")))
        .isEqualTo(Files.readAllLines(SharedData.GPT2.resolve("vocab.bpe")));
  }

  @Test
  void trainedGpt4PatternTokenizerSurvivesOwnAndHuggingFaceFormats() throws IOException {
    BpeTokenizer t =
        BpeTrainer.train(SAMPLE, 500, PreTokenizer.gpt4(), List.of("<|endoftext|>"), 1);
    t.save(dir.resolve("t.json"));
    assertSameEncoding(t, BpeJson.load(dir.resolve("t.json")));
    HuggingFaceTokenizerJson.save(t, dir.resolve("hf.json"));
    assertSameEncoding(t, HuggingFaceTokenizerJson.load(dir.resolve("hf.json")));
    assertThat(Files.readString(dir.resolve("t.json")))
        .startsWith("{\"type\":\"bpe\",\"version\":1,");
  }

  @Test
  void huggingFaceMergesMayBeStrings() throws IOException {
    BpeTokenizer t = BpeTrainer.train(SAMPLE, 300, PreTokenizer.gpt2(), List.of(), 1);
    HuggingFaceTokenizerJson.save(t, dir.resolve("hf.json"));
    String json = Files.readString(dir.resolve("hf.json"));
    String legacy = json.replaceAll("\\[\"([^\"]+)\",\"([^\"]+)\"\\]", "\"$1 $2\"");
    assertThat(legacy).isNotEqualTo(json);
    Files.writeString(dir.resolve("legacy.json"), legacy);
    assertSameEncoding(t, BpeFiles.load(dir.resolve("legacy.json")));
  }

  @Test
  void gpt4PatternCannotBeSavedAsGpt2Files() {
    BpeTokenizer t = BpeTrainer.train(SAMPLE, 300, PreTokenizer.gpt4(), List.of(), 1);
    assertThatThrownBy(() -> BpeFiles.save(t, dir.resolve("x"), "gpt2"))
        .hasMessage(
            "gpt2 files: only the gpt2 pre-tokenizer can be saved in this format, got gpt4");
  }

  @Test
  void unknownLayoutsAreNamed() throws IOException {
    Files.writeString(dir.resolve("x.json"), "{\"foo\": 1}");
    assertThatThrownBy(() -> BpeFiles.load(dir.resolve("x.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is neither a tinyformer bpe json");
    assertThatThrownBy(() -> BpeFiles.load(dir))
        .hasMessageContaining("has neither encoder.json + vocab.bpe nor tokenizer.json");
  }
}
