package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.data.shards.ShardDirectory;

class TokenizerCommandTest {
  private static final String GPT2 = "../shared/data/gpt2";
  private static final String STORIES =
      "../shared/data/tinystories/tinystories_v2_sample_cs336.txt";
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void encodeAndDecodeWithGpt2() {
    assertThat(run("tokenizer", "encode", "--tokenizer", GPT2, "--text", "hello world")).isZero();
    assertThat(out.toString().trim()).isEqualTo("31373 995");
    assertThat(run("tokenizer", "decode", "--tokenizer", GPT2, "--ids", "31373 995")).isZero();
    assertThat(out.toString()).endsWith("hello world");
  }

  @Test
  void specialTokensInInputAreTextUnlessAllowed() {
    run("tokenizer", "encode", "--tokenizer", GPT2, "--text", "<|endoftext|>");
    assertThat(out.toString()).doesNotContain("50256");
    run("tokenizer", "encode", "--tokenizer", GPT2, "--allow-special", "--text", "<|endoftext|>");
    assertThat(out.toString()).contains("50256");
  }

  @Test
  void trainEncodePretokenizeRoundTrip() throws Exception {
    Path t = dir.resolve("bpe.json");
    assertThat(
            run(
                "tokenizer",
                "train",
                "--input",
                STORIES,
                "--vocab-size",
                "400",
                "--out",
                t.toString()))
        .isZero();
    assertThat(out.toString()).contains("trained bpe: vocab 400 (143 merges, 1 special)");
    Path shards = dir.resolve("shards");
    assertThat(
            run(
                "tokenizer",
                "pretokenize",
                "--input",
                STORIES,
                "--tokenizer",
                t.toString(),
                "--out",
                shards.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("wrote 1,668 tokens, 6 documents (uint16, vocab 400) in 1 shard to " + shards);
    ShardDirectory d = ShardDirectory.open(shards);
    int[] ids = new int[(int) d.size()];
    d.read(0, ids, 0, ids.length);
    assertThat(d.index().vocabSize()).isEqualTo(400);
    assertThat(ids).contains(399);
    Files.writeString(
        dir.resolve("ids.txt"), java.util.Arrays.toString(ids).replaceAll("[\\[\\],]", ""));
    out.getBuffer().setLength(0);
    assertThat(
            run(
                "tokenizer",
                "decode",
                "--tokenizer",
                t.toString(),
                "--input",
                dir.resolve("ids.txt").toString()))
        .isZero();
    // the file's last document (its final newline) is closed by an end-of-text id
    assertThat(out.toString()).isEqualTo(Files.readString(Path.of(STORIES)) + "<|endoftext|>");
  }

  @Test
  void analyzeComparesCharWordAndBpe() {
    assertThat(run("tokenizer", "analyze", "--input", STORIES, "--vocab-sizes", "256,300,400,600"))
        .isZero();
    assertThat(out.toString())
        .contains("char ", "word ", "bpe-256 ", "bpe-600 ", "recommended bpe vocab size: ")
        .contains("tokens per document with bpe-");
  }

  @Test
  void missingTokenizerIsOneErrorLine() {
    assertThat(
            run(
                "tokenizer",
                "encode",
                "--tokenizer",
                dir.resolve("nope.json").toString(),
                "--text",
                "x"))
        .isEqualTo(1);
    assertThat(err.toString().trim())
        .isEqualTo("error: file not found: " + dir.resolve("nope.json"));
  }

  @Test
  void badVocabSizeIsAUsageError() {
    assertThat(
            run(
                "tokenizer",
                "train",
                "--input",
                STORIES,
                "--vocab-size",
                "10",
                "--out",
                dir.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("error: bpe train: vocab size must be at least");
  }
}
