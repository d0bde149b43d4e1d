package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.cli.TinyRuns.Result;

/**
 * Commands on the run kinds a newcomer meets: an encoder-decoder task run is refused by the text
 * commands with what to use instead; the hand-written model draws attention maps.
 */
class RunKindsTest {
  @TempDir Path dir;

  @Test
  void textCommandsOnAnEncoderDecoderTaskRunSayWhatToUseInstead() {
    Path run = dir.resolve("rev");
    Result trained = TinyRuns.cli(TinyRuns.task("reverse", run));
    assertThat(trained.exit()).as(trained.err()).isZero();
    String expected =
        "error: "
            + run
            + " is a reverse task run (model.kind encdec, an encoder-decoder): it maps an input"
            + " sequence to an output sequence and does not continue a prompt, so sample, chat and"
            + " predict cannot use it; try: tinyformer attention --run "
            + run
            + " --input \"3 1 2\" (its output and attention on one input) or tinyformer eval --run "
            + run
            + " (held-out accuracy)";
    for (String[] args :
        new String[][] {
          {"predict", "--run", run.toString(), "--prompt", "3 1 2"},
          {"sample", "--run", run.toString(), "--prompt", "3 1 2"},
          {"chat", "--run", run.toString()}
        }) {
      Result r = TinyRuns.cli(args);
      assertThat(r.exit()).as(args[0]).isEqualTo(2);
      assertThat(r.err().strip()).as(args[0]).isEqualTo(expected);
    }
    Result attention = TinyRuns.cli("attention", "--run", run.toString(), "--input", "3 1 2");
    assertThat(attention.exit()).as(attention.err()).isZero();
  }

  @Test
  void theHandWrittenModelDrawsItsAttention() throws Exception {
    Path run = dir.resolve("hand");
    Result trained =
        TinyRuns.cli(TinyRuns.train(TinyRuns.text(dir), run, 2, "--set", "model.kind=handwritten"));
    assertThat(trained.exit()).as(trained.err()).isZero();
    Result r = TinyRuns.cli("attention", "--run", run.toString(), "--input", "the quick");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("hand (handwritten run): prompt of 9 tokens");
    assertThat(ImageIO.read(run.resolve("plots/attention-decoder.png").toFile())).isNotNull();
  }
}
