package org.tinyformer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.tinyformer.tokenizers.BpeFiles;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.Gpt2BpeFiles;
import org.tinyformer.tokenizers.HuggingFaceTokenizerJson;
import org.tinyformer.tokenizers.Tokenizers;

/** The three tokenizer file formats: refused with a named user error, or loaded and usable. */
class TokenizerFilesFuzzTest {
  private static void use(BpeTokenizer t) {
    String text = "hello world";
    assertThat(t.decode(t.encode(text))).isEqualTo(text);
  }

  @FuzzTest(maxDuration = "10m")
  void gpt2EncoderAndMerges(FuzzedDataProvider data) throws Exception {
    byte[] input = data.consumeRemainingAsBytes(); // encoder.json, a 0 byte, vocab.bpe
    int split = 0;
    while (split < input.length && input[split] != 0) {
      split++;
    }
    byte[] encoder = Arrays.copyOf(input, split);
    byte[] merges = Arrays.copyOfRange(input, Math.min(input.length, split + 1), input.length);
    Path dir = FuzzFiles.write("encoder.json", encoder).getParent();
    Files.write(dir.resolve("vocab.bpe"), merges);
    FuzzFiles.expectUserErrorOnly(
        () -> use(Gpt2BpeFiles.load(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"))));
  }

  @FuzzTest(maxDuration = "10m")
  void huggingFaceTokenizerJson(FuzzedDataProvider data) throws Exception {
    byte[] bytes = data.consumeRemainingAsBytes();
    Path p = FuzzFiles.write("tokenizer.json", bytes);
    FuzzFiles.expectUserErrorOnly(() -> use(HuggingFaceTokenizerJson.load(p)));
  }

  @FuzzTest(maxDuration = "10m")
  void tinyformerTokenizerJson(FuzzedDataProvider data) throws Exception {
    byte[] bytes = data.consumeRemainingAsBytes();
    Path p = FuzzFiles.write("bpe.json", bytes);
    FuzzFiles.expectUserErrorOnly(() -> Tokenizers.load(p).encode("hello world"));
    FuzzFiles.expectUserErrorOnly(() -> use(BpeFiles.load(p)));
  }
}
