package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.tokenizers.Tokenizers;

/**
 * {@code train} with every tokenizer kind (char, word, fitted BPE, a tokenizer file) and from a
 * {@code tokens.bin} shard, then {@code eval} and {@code sample} on the run; and the misuse paths.
 */
class TrainTokenizersTest {
  private static final List<String> TINY =
      List.of(
          "--set", "model.num_layers=1",
          "--set", "model.num_heads=2",
          "--set", "model.embed_dim=16",
          "--set", "model.context_length=16",
          "--set", "training.steps=4",
          "--set", "training.batch_size=2",
          "--set", "training.warmup_steps=1",
          "--set", "training.eval_interval=2",
          "--set", "training.eval_batches=1",
          "--set", "training.log_interval=2",
          "--set", "training.checkpoint_interval=0");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(List<String> args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  private int train(Path data, Path runDir, String... sets) {
    List<String> args = new ArrayList<>(List.of("train", "--preset", "tinystories-bpe"));
    args.addAll(List.of("--data", data.toString(), "--run-dir", runDir.toString()));
    args.addAll(TINY);
    for (String s : sets) {
      args.addAll(List.of("--set", s));
    }
    return run(args);
  }

  /** About 18 KB of little stories separated by {@code <|endoftext|>}, as TinyStories is. */
  private Path stories() throws IOException {
    String[] names = {"Tom", "Sue", "Max", "Lily"};
    String[] animals = {"cat", "dog", "bird", "fish"};
    String[] feelings = {"happy", "sad", "tired", "hungry"};
    Rng rng = new Rng(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      String name = names[rng.nextInt(4)];
      sb.append("Once upon a time, ").append(name).append(" had a little ");
      sb.append(animals[rng.nextInt(4)]).append(". The ").append(animals[rng.nextInt(4)]);
      sb.append(" was ").append(feelings[rng.nextInt(4)]).append(". ").append(name);
      sb.append(" said, \"Let's play!\"\n<|endoftext|>\n");
    }
    Path file = dir.resolve("stories.txt");
    Files.writeString(file, sb.toString());
    return file;
  }

  private void evalAndSampleWork(Path runDir) {
    assertThat(run(List.of("eval", "--run", runDir.toString(), "--batches", "1"))).isZero();
    assertThat(out.toString()).contains("val   loss ");
    List<String> sample = List.of("sample", "--run", runDir.toString(), "--max-tokens", "8");
    assertThat(run(sample)).as(err.toString()).isZero();
    assertThat(err.toString()).startsWith("generated ");
  }

  @Test
  void bpeTokenizerIsFittedOnTheTextAndSavedWithTheRun() throws IOException {
    Path runDir = dir.resolve("bpe");
    assertThat(train(stories(), runDir, "data.vocab_size=300")).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("bpe tokenizer with 300 ids \\(fitted on the text in [0-9.]+ s, gpt2");
    var saved = Tokenizers.load(runDir.resolve("checkpoints/last/tokenizer.json"));
    assertThat(saved.type()).isEqualTo("bpe");
    assertThat(saved.specialTokens()).containsEntry("<|endoftext|>", 299);
    evalAndSampleWork(runDir);
  }

  @Test
  void wordTokenizerIsCappedByVocabSize() throws IOException {
    Path runDir = dir.resolve("word");
    assertThat(train(stories(), runDir, "data.tokenizer=word", "data.vocab_size=12")).isZero();
    assertThat(out.toString()).contains("word tokenizer with 12 ids (fitted on the text in ");
    evalAndSampleWork(runDir);
  }

  @Test
  void tokenizerFileIsUsedInsteadOfFitting() throws IOException {
    Path text = stories();
    Path bpe = dir.resolve("bpe.json");
    List<String> fit = List.of("tokenizer", "train", "--input", text.toString());
    assertThat(run(concat(fit, "--vocab-size", "280", "--out", bpe.toString()))).isZero();
    Path runDir = dir.resolve("file");
    assertThat(train(text, runDir, "data.tokenizer_file=" + bpe)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("bpe tokenizer with 280 ids (from " + bpe + ";");
  }

  @Test
  void shardDirectoryTrainsWithTheTokenizerPretokenizeWroteIntoIt() throws IOException {
    Path shards = pretokenized();
    Path tokenizer = shards.resolve("tokenizer.json");
    assertThat(tokenizer).exists();
    Path runDir = dir.resolve("shard");
    assertThat(train(shards, runDir)).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("bpe tokenizer with 320 ids (from " + tokenizer)
        .contains(
            "2 uint16 shards, memory-mapped; 151 documents, validation holds out the last documents");
    evalAndSampleWork(runDir);
    assertThat(run(List.of("eval", "--run", runDir.toString(), "--batches", "1"))).isZero();
    assertThat(out.toString()).contains("the run's tokenizer; 2 uint16 shards, memory-mapped");
  }

  private Path pretokenized() throws IOException {
    Path text = stories();
    Path bpe = dir.resolve("bpe.json");
    List<String> fit = List.of("tokenizer", "train", "--input", text.toString());
    assertThat(run(concat(fit, "--vocab-size", "320", "--out", bpe.toString()))).isZero();
    Path shards = dir.resolve("shards");
    List<String> pre = List.of("tokenizer", "pretokenize", "--input", text.toString());
    assertThat(
            run(
                concat(
                    pre,
                    "--tokenizer",
                    bpe.toString(),
                    "--out",
                    shards.toString(),
                    "--shard-tokens",
                    "3000")))
        .isZero();
    return shards;
  }

  @Test
  void shardDirectoryWithoutItsTokenizerIsAClearError() throws IOException {
    Path shards = pretokenized();
    Files.delete(shards.resolve("tokenizer.json"));
    assertThat(train(shards, dir.resolve("r"))).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: data: token shard "
                + shards
                + " has no tokenizer: expected tokenizer.json beside it (tinyformer"
                + " tokenizer pretokenize writes it), or set data.tokenizer_file=PATH\n");
  }

  @Test
  void tokenShardWithAnotherVocabularyIsRejected() throws IOException {
    Path bin = pretokenized();
    Path other = dir.resolve("other.json");
    List<String> fit = List.of("tokenizer", "train", "--input", dir.resolve("stories.txt") + "");
    assertThat(run(concat(fit, "--vocab-size", "300", "--out", other.toString()))).isZero();
    assertThat(train(bin, dir.resolve("r"), "data.tokenizer_file=" + other)).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: data: token shard "
                + bin
                + " was written for 320 ids but the tokenizer (from "
                + other
                + ") has 300; pass the tokenizer it was written with"
                + " (data.tokenizer_file=PATH)\n");
  }

  @Test
  void badTokenizerSettingsNameTheKey() throws IOException {
    Path text = stories();
    assertThat(train(text, dir.resolve("r"), "data.vocab_size=100")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: config: data.vocab_size must be at least 257 for the bpe tokenizer"
                + " (256 bytes + <|endoftext|>), got 100\n");
    assertThat(train(text, dir.resolve("r"), "data.tokenizer=sentencepiece")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: config: data.tokenizer must be char, word or bpe, got 'sentencepiece'\n");
    assertThat(train(text, dir.resolve("r"), "data.bpe_pattern=gpt3")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("error: config: data.bpe_pattern must be gpt2 or gpt4, got 'gpt3'\n");
    assertThat(train(text, dir.resolve("r"), "data.vocab=512")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: config: unknown key 'data.vocab'; allowed keys in data: kind, path, tokenizer,"
                + " vocab_size, bpe_pattern, tokenizer_file, val_fraction\n");
    assertThat(train(text, dir.resolve("r"), "data.tokenizer_file=" + dir.resolve("no.json")))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: data: tokenizer file not found: "
                + dir.resolve("no.json")
                + " (data.tokenizer_file takes a tokenizer JSON, a tokenizer.json or a GPT-2"
                + " directory)\n");
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
