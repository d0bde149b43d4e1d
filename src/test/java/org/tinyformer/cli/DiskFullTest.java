package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.training.JsonlLog;
import org.tinyformer.visualization.Png;

/**
 * Writes that fail or could harm: a full disk is reported with the file whose write failed (Linux's
 * /dev/full is always full), and a PNG is never written over something that is not a file.
 */
class DiskFullTest {
  @Test
  void aFullDiskNamesTheFileBeingWritten() throws Exception {
    Path full = Path.of("/dev/full");
    Throwable t;
    try (JsonlLog log = JsonlLog.create(full)) {
      t = catchThrowable(() -> log.write("train", Map.of("step", 1)));
    } catch (java.io.IOException closing) {
      t = closing;
    }
    assertThat(UserErrors.message(t)).isEqualTo("No space left on device: /dev/full");
  }

  @Test
  void aFullDiskNamesTheDashboardExport(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path runs = dir.resolve("runs");
    String[] train = {
      "task",
      "copy",
      "--run-dir",
      runs.resolve("tiny").toString(),
      "--set",
      "model.num_layers=1",
      "--set",
      "model.num_heads=2",
      "--set",
      "model.embed_dim=16",
      "--set",
      "training.steps=2",
      "--set",
      "training.batch_size=4",
      "--set",
      "training.eval_interval=0",
      "--set",
      "task.held_out=8",
      "--set",
      "task.max_length=4",
      "--set",
      "task.length_gen_max=5"
    };
    assertThat(Main.run(train, new PrintWriter(out, true), new PrintWriter(err, true)))
        .as(err.toString())
        .isZero();
    err.getBuffer().setLength(0);
    String[] export = {
      "dashboard", "--runs", runs.toString(), "--run", "tiny", "--export", "/dev/full"
    };
    assertThat(Main.run(export, new PrintWriter(out, true), new PrintWriter(err, true)))
        .isEqualTo(1);
    assertThat(err.toString().trim()).isEqualTo("error: No space left on device: /dev/full");
  }

  @Test
  void aPngIsNeverWrittenOverSomethingThatIsNotAFile(@TempDir Path dir) throws Exception {
    // ImageIO deletes its target first: a directory (or, for root, a device) must be refused
    Path notAFile = java.nio.file.Files.createDirectory(dir.resolve("plot.png"));
    assertThatThrownBy(
            () -> Png.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), notAFile))
        .hasMessage(
            "png: " + notAFile + " exists and is not a regular file; give the path of a .png file");
    assertThat(notAFile).isDirectory();
  }
}
