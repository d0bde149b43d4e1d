package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One policy for text, --verbose anywhere, and one line for every error that reaches the user. */
class UserErrorsTest {
  private static final String GPT2 = "../shared/data/gpt2";
  private static final String NL = System.lineSeparator();
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path latin1() throws Exception {
    return Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
  }

  @Test
  void invalidUtf8IsAnErrorWithTheOffsetUnlessReplacementIsAskedFor() throws Exception {
    Path text = latin1();
    assertThat(run("tokenizer", "encode", "--tokenizer", GPT2, "--input", text.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: " + text + " is not valid UTF-8: invalid byte 0xE9 at byte offset 3" + NL);
    err.getBuffer().setLength(0);
    assertThat(
            run(
                "tokenizer",
                "encode",
                "--tokenizer",
                GPT2,
                "--input",
                text.toString(),
                "--errors",
                "replace"))
        .isZero();
    assertThat(out.toString()).isEqualTo("66 1878 4210 198" + NL); // "caf" then U+FFFD then newline
  }

  @Test
  void verboseAfterTheSubcommandPrintsTheStackTrace() {
    assertThat(run("tokenizer", "encode", "--tokenizer", "nowhere", "--text", "x")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("error: file not found: nowhere" + NL);
    err.getBuffer().setLength(0);
    assertThat(run("tokenizer", "encode", "--tokenizer", "nowhere", "--text", "x", "--verbose"))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: file not found: nowhere" + NL + "java.nio.file.NoSuchFileException");
  }

  @Test
  void rawExceptionsAndErrorsBecomeOneLineWithTheHint() {
    assertThat(UserErrors.message(new NullPointerException("x is null")))
        .isEqualTo(
            "unexpected NullPointerException: x is null (run with --verbose for the stack trace)");
    assertThat(UserErrors.message(new OutOfMemoryError("Java heap space")))
        .startsWith("out of memory (")
        .endsWith(
            " MB heap): use a smaller model, batch or input, or give Java more heap with"
                + " TINYFORMER_JAVA_OPTS=-Xmx8g");
    assertThat(
            UserErrors.message(
                new java.nio.file.FileSystemException(
                    "/data/x.bin", null, "No space left on device")))
        .isEqualTo("No space left on device: /data/x.bin");
  }

  @Test
  void aCacheDirThatIsAFileSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("passwd"), "root");
    assertThat(run("data", "download", "tinyshakespeare", "--cache-dir", file.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("error: exists and is not a directory (or is in the way): " + file + NL);
  }

  @Test
  void tokenizerTrainOnAnEmptyFileSavesNothingAndSaysWhy() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    Path out = dir.resolve("t.json");
    assertThat(
            run(
                "tokenizer",
                "train",
                "--input",
                empty.toString(),
                "--vocab-size",
                "260",
                "--out",
                out.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .endsWith(
            "error: tokenizer train: "
                + empty
                + " is empty: no text to learn merges from (nothing was saved)"
                + NL);
    assertThat(out).doesNotExist();
  }
}
