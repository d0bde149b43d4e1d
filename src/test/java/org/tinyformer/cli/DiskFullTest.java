package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.image.BufferedImage;
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
    Path runs = dir.resolve("runs");
    TinyRuns.Result trained = TinyRuns.cli(TinyRuns.task("copy", runs.resolve("tiny")));
    assertThat(trained.exit()).as(trained.err()).isZero();
    TinyRuns.Result export =
        TinyRuns.cli(
            "dashboard", "--runs", runs.toString(), "--run", "tiny", "--export", "/dev/full");
    assertThat(export.exit()).isEqualTo(1);
    assertThat(export.err().trim()).isEqualTo("error: No space left on device: /dev/full");
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
