package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyformer.training.JsonlLog;

/** A full disk is reported with the file whose write failed (Linux's /dev/full is always full). */
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
}
