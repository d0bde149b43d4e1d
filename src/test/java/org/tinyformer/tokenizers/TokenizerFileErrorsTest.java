package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed tokenizer file is refused with a message naming the file and the problem. */
class TokenizerFileErrorsTest {
  @TempDir static Path dir;
  static Path good;
  static String encoder;
  static List<String> merges;

  @BeforeAll
  static void smallGpt2Files() throws IOException {
    BpeTokenizer t =
        BpeTrainer.train(
            "hello world, hello there; the world says hello",
            270,
            PreTokenizer.gpt2(),
            List.of(),
            1);
    good = dir.resolve("good");
    Gpt2BpeFiles.save(t, good);
    encoder = Files.readString(good.resolve("encoder.json"));
    merges = Files.readAllLines(good.resolve("vocab.bpe"));
  }

  private static Path gpt2Dir(String name, String encoderText, byte[] vocabBpe) throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.writeString(d.resolve("encoder.json"), encoderText);
    Files.write(d.resolve("vocab.bpe"), vocabBpe);
    return d;
  }

  private static byte[] mergesText(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theGoodFilesLoad() throws IOException {
    assertThat(Gpt2BpeFiles.load(good).vocabSize()).isEqualTo(270);
  }

  @Test
  void anIdOfOneBillionIsRefusedBeforeAnyAllocation() throws IOException {
    Path d = gpt2Dir("huge", encoder.replace("\"Ā\":0", "\"Ā\":1000000000"), mergesText(merges));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(d))
        .hasMessage(
            d.resolve("encoder.json")
                + ": token 'Ā' has id 1000000000, outside 0..269: the 270 ids must run from 0"
                + " without gaps");
  }

  @Test
  void aTruncatedEncoderIsAJsonErrorWithThePlace() throws IOException {
    Path d = gpt2Dir("cut", encoder.substring(0, encoder.length() / 2), mergesText(merges));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(d))
        .hasMessageStartingWith(d.resolve("encoder.json") + ": not valid JSON at line 1, column ")
        .hasMessageContaining("Unexpected end-of-input");
  }

  @Test
  void anArrayOrAStringIdIsNamed() throws IOException {
    Path a = gpt2Dir("array", "[\"a\", \"b\"]", mergesText(merges));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(a))
        .hasMessage(
            a.resolve("encoder.json")
                + ": expected a JSON object mapping each token to its id, got an array");
    Path s = gpt2Dir("string", encoder.replace("\"Ā\":0", "\"Ā\":\"0\""), mergesText(merges));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(s))
        .hasMessage(s.resolve("encoder.json") + ": token 'Ā' has id \"0\"; expected an integer id");
    Path e = gpt2Dir("empty", "", mergesText(merges));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(e))
        .hasMessage(e.resolve("encoder.json") + ": the file is empty, expected JSON");
  }

  @Test
  void aTruncatedOrEmptyMergesFileIsRefused() throws IOException {
    Path d = gpt2Dir("half", encoder, mergesText(merges.subList(0, 1 + merges.size() / 2)));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(d))
        .hasMessage(
            d.resolve("vocab.bpe")
                + ": 7 merges make 7 of the 14 multi-byte tokens of "
                + d.resolve("encoder.json")
                + " (the first no merge makes is 'world', id 263): the merges are truncated"
                + " or belong to another vocabulary");
    Path e = gpt2Dir("nomerges", encoder, new byte[0]);
    assertThatThrownBy(() -> Gpt2BpeFiles.load(e))
        .hasMessageStartingWith(e.resolve("vocab.bpe") + ": 0 merges make 0 of the 14");
  }

  @Test
  void randomBytesAsMergesAreAUtf8ErrorWithTheOffset() throws IOException {
    byte[] bytes = {'#', 'v', '\n', 'a', ' ', 'b', (byte) 0xFF, 'c'};
    Path d = gpt2Dir("random", encoder, bytes);
    assertThatThrownBy(() -> Gpt2BpeFiles.load(d))
        .hasMessage(
            d.resolve("vocab.bpe") + " is not valid UTF-8: invalid byte 0xFF at byte offset 6");
  }

  @Test
  void aMergeWhosePartsAreMissingIsNamed() throws IOException {
    List<String> bad = new java.util.ArrayList<>(merges);
    bad.add("zz qq");
    Path d = gpt2Dir("parts", encoder, mergesText(bad));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(d))
        .hasMessage(
            d.resolve("vocab.bpe")
                + ": merge 14 uses token 'zz' that is not in the vocabulary of "
                + d.resolve("encoder.json"));
  }

  @Test
  void huggingFaceIdsAreCheckedTheSameWay() throws IOException {
    BpeTokenizer t = Gpt2BpeFiles.load(good);
    Path hf = dir.resolve("tokenizer.json");
    HuggingFaceTokenizerJson.save(t, hf);
    String json = Files.readString(hf);
    Files.writeString(hf, json.replace("\"Ā\":0", "\"Ā\":1000000000"));
    assertThatThrownBy(() -> HuggingFaceTokenizerJson.load(hf))
        .hasMessage(
            hf
                + ": token 'Ā' has id 1000000000, outside 0..269: the 270 ids must run from 0"
                + " without gaps");
    Files.writeString(hf, json.replace("\"Ā\":0", "\"Ā\":1.5"));
    assertThatThrownBy(() -> HuggingFaceTokenizerJson.load(hf))
        .hasMessage(hf + ": token 'Ā' has id 1.5; expected an integer id");
  }

  @Test
  void duplicateIdsAreNamed() throws IOException {
    Path d = gpt2Dir("dup", encoder.replace("\"Ā\":0", "\"Ā\":1"), mergesText(merges));
    assertThatThrownBy(() -> Gpt2BpeFiles.load(d)).hasMessageEndingWith("both have id 1");
  }
}
