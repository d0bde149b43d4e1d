package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' small demos as presets, end to end through the CLI, offline: {@code tiny-qa} (seed
 * 000: predict answers the question) and {@code sentences} (seed 004: greedy generation stops at
 * {@code <eos>}).
 */
@Tag("slow")
class SeedPresetsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void tinyQaAnswersTheSeedsQuestion(@TempDir Path dir) {
    Path runDir = dir.resolve("tiny-qa");
    long start = System.nanoTime();
    assertThat(run("train", "--preset", "tiny-qa", "--run-dir", runDir.toString()))
        .as(err.toString())
        .isZero();
    System.out.printf("tiny-qa trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(out.toString()).contains("builtin:tiny-qa: 18 train + 0 val lines");
    assertThat(run("predict", "--run", runDir.toString(), "--prompt", "Who created JavaScript ?"))
        .as(err.toString())
        .isZero();
    Matcher first =
        Pattern.compile("\\n +1  \"Brendan\" +\\d+ +(\\d+\\.\\d\\d)% +(-\\d+\\.\\d{3})")
            .matcher(out.toString());
    assertThat(first.find()).as(out.toString()).isTrue();
    assertThat(Double.parseDouble(first.group(1))).isGreaterThan(90.0);
    assertThat(Math.exp(Double.parseDouble(first.group(2)))).isGreaterThan(0.9);
  }

  @Test
  void sentencesGenerateGreedilyUntilEndOfSentence(@TempDir Path dir) {
    Path runDir = dir.resolve("sentences");
    long start = System.nanoTime();
    assertThat(run("train", "--preset", "sentences", "--run-dir", runDir.toString()))
        .as(err.toString())
        .isZero();
    System.out.printf("sentences trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(out.toString()).contains("each <bos> ... <eos>, padded per batch; word tokenizer");
    assertThat(
            run(
                "sample",
                "--run",
                runDir.toString(),
                "--prompt",
                "how is",
                "--temperature",
                "0",
                "--max-tokens",
                "50"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).isEqualTo("how is your day?\n");
    assertThat(err.toString())
        .contains("generated 3 tokens in ")
        .contains("stopped at end of text");
  }

  @Test
  void dataWithoutAPresetTrainsATextModelNamedAfterTheFile(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("my poems.txt");
    java.nio.file.Files.writeString(text, "to be or not to be, that is the question.\n".repeat(60));
    Path runDir = dir.resolve("run");
    assertThat(
            run(
                "train",
                "--data",
                text.toString(),
                "--run-dir",
                runDir.toString(),
                "--set",
                "training.steps=2",
                "--set",
                "training.eval_batches=1"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .startsWith(
            "note: no --preset given, so "
                + text
                + " trains with the shakespeare-char settings as run 'my-poems' (see --help for"
                + " the presets)\n")
        .contains("name: my-poems\n")
        .contains("context_length: 64\n")
        .doesNotContain("arithmetic");
  }
}
