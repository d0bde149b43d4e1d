package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config is checked completely before any work, and the resolved config is printed only after the
 * data and the model are built: each mistake is the one line the user sees.
 */
class ConfigValidationTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int train(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int trainShakespeareChar(Path text, String set) {
    return train(
        "--preset",
        "shakespeare-char",
        "--data",
        text.toString(),
        "--run-dir",
        dir + "/r",
        "--set",
        set);
  }

  private Path text(String content) throws Exception {
    return Files.writeString(dir.resolve("text.txt"), content);
  }

  @Test
  void modelDimensionsAreRefusedBeforeTheDataIsRead() throws Exception {
    Path config = Files.writeString(dir.resolve("c.yaml"), "model:\n  embed_dim: 130\n");
    int code = train("--config", config.toString(), "--data", dir.resolve("absent.txt").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: config: model.embed_dim 130 must be divisible by model.num_heads 4 (each head"
                + " gets embed_dim / num_heads dimensions)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aFractionalStepCountIsRefused() throws Exception {
    Path config = Files.writeString(dir.resolve("c.yaml"), "training:\n  steps: 5.7\n");
    assertThat(train("--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("error: config: training.steps must be an integer, got 5.7");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingFileIsNotBuriedUnderTheResolvedConfig() throws Exception {
    Path absent = dir.resolve("absent.txt");
    int code =
        train("--preset", "shakespeare-char", "--data", absent.toString(), "--run-dir", dir + "/r");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: data: file not found: "
                + absent
                + " (pass a UTF-8 text file or a tokens.bin shard with --data FILE)");
    assertThat(out.toString()).doesNotContain("config:");
  }

  @Test
  void theCharTokenizerHonoursVocabSizeAsACap() throws Exception {
    Path text = text("hello world, hello there.\n".repeat(40));
    int code = trainShakespeareChar(text, "data.vocab_size=5");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: data: the char tokenizer needs 12 ids (one per distinct character of the"
                + " text), more than data.vocab_size 5: raise data.vocab_size, or use"
                + " data.tokenizer word or bpe for a vocabulary of a chosen size");
    assertThat(out.toString()).doesNotContain("config:");
  }

  @Test
  void aValidationSplitShorterThanTheContextIsRefusedBeforeTraining() throws Exception {
    Path text =
        text("hello world, hello there.\n".repeat(20)); // 520 chars; the last 10% (53) held out
    int code = trainShakespeareChar(text, "training.steps=3");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: data: the validation part of "
                + text
                + " has 53 tokens, fewer than context_length + 1 = 65: raise data.val_fraction or"
                + " lower model.context_length");
    assertThat(out.toString()).doesNotContain("config:").doesNotContain("step ");
  }
}
