package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void writesCurvesIntoTheRunsPlotsDirectory() throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("copy"));
    Files.write(
        runDir.resolve("log.jsonl"),
        List.of("{\"step\":0,\"loss\":2.5}", "{\"step\":10,\"loss\":1.0,\"val_loss\":1.2}"));
    assertThat(run("plot", "--run", runDir.toString())).isZero();
    Path png = runDir.resolve("plots/curves.png");
    assertThat(ImageIO.read(png.toFile())).isNotNull();
    assertThat(out.toString()).contains("wrote " + png);
  }

  @Test
  void missingLogIsAUsageError() {
    assertThat(run("plot", "--run", dir.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "error: plot: no log.jsonl in " + dir + "; pass the directory of a training run");
  }
}
