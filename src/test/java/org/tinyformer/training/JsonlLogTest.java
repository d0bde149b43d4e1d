package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLogTest {
  @Test
  void writesOneObjectPerLineWithTypeFirst(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.jsonl");
    try (JsonlLog log = JsonlLog.create(file)) {
      log.write("train", Map.of("step", 1));
    }
    assertThat(Files.readString(file)).isEqualTo("{\"type\":\"train\",\"step\":1}\n");
  }

  @Test
  void resumeDropsRecordsAfterTheCheckpointStepAndTornLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.jsonl");
    try (JsonlLog log = JsonlLog.create(file)) {
      for (int step = 1; step <= 5; step++) {
        log.write("train", Map.of("step", step));
      }
    }
    Files.writeString(file, "{\"type\":\"tr", java.nio.file.StandardOpenOption.APPEND);
    try (JsonlLog log = JsonlLog.resume(file, 3)) {
      log.write("train", Map.of("step", 4, "loss", 1.5));
    }
    var records = JsonlLog.read(file);
    assertThat(records).extracting(r -> r.get("step")).containsExactly(1, 2, 3, 4);
    assertThat(records.get(3)).containsEntry("loss", 1.5);
  }
}
