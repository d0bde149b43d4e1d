package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.visualization.dashboard.DashboardOptions;

/** {@code tinyformer dashboard}: the export path, the misuse messages and the host warning. */
class DashboardCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void exportWritesOneSelfContainedFile() throws IOException {
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs.resolve("a"));
    Files.writeString(
        runs.resolve("a/log.jsonl"), "{\"type\":\"train\",\"step\":1,\"tokens\":8,\"loss\":2.5}\n");
    Path report = dir.resolve("report.html");
    int code =
        run("dashboard", "--runs", runs.toString(), "--export", report.toString(), "--run", "a");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("wrote " + report + " (1 runs");
    String html = Files.readString(report);
    assertThat(html)
        .contains("window.TF_REPORT = ")
        .contains("uPlot")
        .doesNotContain("src=\"static/");
    assertThat(html).doesNotContain("href=\"static/");
  }

  @Test
  void exportNamesTheRunsThereAreWhenOneIsMissing() throws IOException {
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs.resolve("a"));
    Files.writeString(runs.resolve("a/log.jsonl"), "");
    int code = run("dashboard", "--runs", runs.toString(), "--export", "r.html", "--run", "nope");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: export: no run named nope under [" + runs + "] (runs there: a)");
  }

  @Test
  void runWithoutExportIsAUsageError() {
    assertThat(run("dashboard", "--run", "a")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: dashboard: --run goes with --export FILE");
  }

  @Test
  void warnsWhenTheHostIsNotLoopback() {
    assertThat(DashboardCommand.hostWarning(DashboardOptions.of(dir))).isNull();
    assertThat(DashboardCommand.hostWarning(new DashboardOptions(List.of(dir), "0.0.0.0", 0)))
        .isEqualTo(
            "warning: --host 0.0.0.0 is not a loopback address: anyone who can reach this machine"
                + " can read these runs and use its CPU for sampling");
  }
}
