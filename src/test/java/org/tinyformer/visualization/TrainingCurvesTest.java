package org.tinyformer.visualization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
  @TempDir Path dir;

  private Path log(List<String> lines) throws IOException {
    return Files.write(dir.resolve("log.jsonl"), lines);
  }

  static List<String> sampleLines() {
    List<String> lines = new ArrayList<>();
    lines.add("{\"event\":\"start\",\"config\":{}}");
    for (int step = 0; step <= 200; step += 10) {
      double loss = 3.0 * Math.exp(-step / 60.0) + 0.05;
      lines.add(String.format("{\"step\":%d,\"loss\":%.4f,\"lr\":0.001}", step, loss));
      if (step % 50 == 0) {
        lines.add(
            String.format(
                "{\"step\":%d,\"val_loss\":%.4f,\"val_token_acc\":%.3f,\"val_exact\":%.3f}",
                step, loss + 0.1, 1 - Math.exp(-step / 50.0), 1 - Math.exp(-step / 80.0)));
      }
    }
    return lines;
  }

  @Test
  void readsNumericSeriesOfStepObjects() throws IOException {
    TrainingLog log = TrainingLog.read(log(sampleLines()));
    assertThat(log.fields())
        .containsExactly("loss", "lr", "val_loss", "val_token_acc", "val_exact");
    assertThat(log.lossFields()).containsExactly("loss", "val_loss");
    assertThat(log.accuracyFields()).containsExactly("val_token_acc", "val_exact");
    assertThat(log.points("loss")).hasSize(21);
    assertThat(log.points("val_loss").get(1)[0]).isEqualTo(50.0);
  }

  @Test
  void rendersLossAccuracyAndLearningRatePanelsTwoToARow() throws IOException {
    BufferedImage img = TrainingCurves.render(TrainingLog.read(log(sampleLines())), "copy");
    Path out = Png.write(img, dir.resolve("plots/curves.png"));
    BufferedImage back = ImageIO.read(out.toFile());
    assertThat(back.getWidth()).isEqualTo(2 * TrainingCurves.PANEL_WIDTH);
    assertThat(back.getHeight()).isEqualTo(2 * TrainingCurves.PANEL_HEIGHT);
  }

  @Test
  void aTextRunGetsPerplexityLearningRateAndThroughputPanels() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int step = 25; step <= 500; step += 25) {
      lines.add(
          String.format(
              "{\"type\":\"train\",\"step\":%d,\"lr\":%.5f,\"loss\":%.3f,"
                  + "\"tokens_per_sec\":%d}",
              step, 1e-3 * step / 500, 4.0 - step / 200.0, 5000 + step));
      if (step % 100 == 0) {
        lines.add(
            String.format(
                "{\"type\":\"eval\",\"step\":%d,\"val_loss\":%.3f,\"val_perplexity\":%.3f}",
                step, 4.1 - step / 200.0, Math.exp(4.1 - step / 200.0)));
      }
    }
    BufferedImage img = TrainingCurves.render(TrainingLog.read(log(lines)), "shakespeare");
    // loss, perplexity, learning rate, throughput: two rows of two
    assertThat(img.getWidth()).isEqualTo(2 * TrainingCurves.PANEL_WIDTH);
    assertThat(img.getHeight()).isEqualTo(2 * TrainingCurves.PANEL_HEIGHT);
  }

  @Test
  void seriesColoursAreFarApart() {
    Color[] colors = TrainingCurves.SERIES_COLORS;
    for (int i = 0; i < colors.length; i++) {
      for (int j = i + 1; j < colors.length; j++) {
        int dr = colors[i].getRed() - colors[j].getRed();
        int dg = colors[i].getGreen() - colors[j].getGreen();
        int db = colors[i].getBlue() - colors[j].getBlue();
        assertThat(Math.sqrt(dr * dr + dg * dg + db * db))
            .as("colours %d and %d", i, j)
            .isGreaterThan(60);
      }
    }
  }

  @Test
  void onlyLossGivesOnePanel() throws IOException {
    BufferedImage img =
        TrainingCurves.render(
            TrainingLog.read(
                log(List.of("{\"step\":1,\"loss\":2.0}", "{\"step\":2,\"loss\":1.5}"))),
            "x");
    assertThat(img.getWidth()).isEqualTo(TrainingCurves.PANEL_WIDTH);
  }

  @Test
  void panelTitlesNameTheRun() {
    assertThat(TrainingCurves.lossTitle("reverse")).isEqualTo("reverse · loss");
    assertThat(TrainingCurves.accuracyTitle("")).isEqualTo("accuracy");
  }

  @Test
  void badJsonLineIsReportedWithItsNumber() throws IOException {
    Path p = log(List.of("{\"step\":1,\"loss\":2.0}", "{oops"));
    assertThatThrownBy(() -> TrainingLog.read(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("training log: line 2 of ");
  }

  @Test
  void logWithoutCurvesIsRejected() throws IOException {
    Path p = log(List.of("{\"step\":1,\"lr\":0.1}"));
    assertThatThrownBy(() -> TrainingCurves.render(TrainingLog.read(p), "x"))
        .hasMessage("training curves: the log has no loss or accuracy fields; found [lr]");
  }
}
