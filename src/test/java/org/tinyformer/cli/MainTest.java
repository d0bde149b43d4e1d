package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void versionNamesTheJdk() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("tinyformer ").contains("JDK " + Runtime.version());
  }

  @Test
  void unknownCommandListsTheCommandsAndExitsTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
    String[] lines = err.toString().split("\n");
    assertThat(lines[0]).isEqualTo("error: 'frobnicate' is not a tinyformer command");
    assertThat(lines[1]).isEqualTo("commands:");
    assertThat(err.toString())
        .contains("\n  train       Train a language model.\n")
        .contains("\n  chat        Talk to a trained run")
        .endsWith("try: tinyformer <command> --help\n")
        .doesNotContain("did you mean")
        .doesNotContain("Exception");
    for (String command : Main.commandLine().getSubcommands().keySet()) {
      assertThat(err.toString()).contains("\n  " + command + " ");
    }
  }

  @Test
  void aMistypedCommandGetsSuggestions() {
    assertThat(run("trian", "--preset", "x")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: 'trian' is not a tinyformer command\ndid you mean: train?\n");
    err.getBuffer().setLength(0);
    assertThat(run("tokenizer", "encodee")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "error: 'encodee' is not a tinyformer tokenizer command\ndid you mean: encode?\n");
  }

  @Test
  void anExtraArgumentToACommandIsNotAnUnknownCommand() {
    assertThat(run("eval", "extra")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ");
    assertThat(err.toString()).doesNotContain("commands:");
  }

  @Test
  void selfCheckPrintsVectorWidth() {
    assertThat(run("selfcheck")).isZero();
    assertThat(out.toString())
        .contains("vectors  Vector API on")
        .contains("cores")
        .contains("GFLOP/s");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command : Main.commandLine().getSubcommands().keySet()) {
      out.getBuffer().setLength(0);
      assertThat(run(command, "--help")).as(command + " --help").isZero();
      assertThat(out.toString()).as(command + " --help").contains("Usage: tinyformer " + command);
    }
  }
}
