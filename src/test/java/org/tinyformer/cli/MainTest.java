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
  void unknownCommandIsOneErrorLineAndExitTwo() {
    assertThat(run("bogus")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: Unmatched argument at index 0: 'bogus'");
    assertThat(err.toString()).doesNotContain("Exception");
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
