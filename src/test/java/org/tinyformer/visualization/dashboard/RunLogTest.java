package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {
  @TempDir Path dir;

  private static String train(int step, double loss) {
    return "{\"type\":\"train\",\"step\":" + step + ",\"loss\":" + loss + "}\n";
  }

  @Test
  void trainLinesAreParsedWhenTheirTableIsAskedFor() throws Exception {
    Path file = dir.resolve("log.jsonl");
    Files.writeString(
        file,
        "{\"type\":\"start\",\"step\":0,\"parameters\":100}\n"
            + train(1, 3.5)
            + train(2, 3.0)
            + "{\"type\":\"train\",\"step\":3,\"loss\": oops}\n" // deferred, found bad later
            + "{\"type\":\"eval\",\"step\":3,\"val_loss\":2.5}\n"
            + "{ \"type\": \"train\", \"step\": 4, \"loss\": 2.0 }\n" // not the usual prefix
            + train(5, 1.75)
            + "{\"type\":\"train\",\"step\":6"); // being written
    RunLog log = new RunLog(file);
    assertThat(log.refresh()).isTrue();

    LogTable last = log.last("train");
    assertThat(last.rows()).isEqualTo(1);
    assertThat(last.last("step")).isEqualTo(5.0);
    assertThat(last.recordIndex(0)).isEqualTo(6);
    assertThat(log.table("eval").last("val_loss")).isEqualTo(2.5);
    assertThat(log.badLines()).isZero(); // the bad train line is not read yet
    assertThat(log.types()).containsExactly("start", "train", "eval");

    LogTable table = log.table("train");
    assertThat(table.rows()).isEqualTo(4);
    assertThat(table.column("step")).startsWith(1.0, 2.0, 4.0, 5.0);
    assertThat(log.badLines()).isEqualTo(1);
    List<Map<String, Object>> records = log.recordsSince(0, 100);
    assertThat(records)
        .extracting(r -> r.get("type") + "@" + r.get("step"))
        .containsExactly("start@0", "train@1", "train@2", "eval@3", "train@4", "train@5");

    // the line being written is completed, and more come: deferred again, parsed on demand
    Files.writeString(file, ",\"loss\":1.5}\n" + train(7, 1.25), StandardOpenOption.APPEND);
    assertThat(log.refresh()).isTrue();
    assertThat(log.last("train").last("loss")).isEqualTo(1.25);
    assertThat(log.table("train").column("loss")).startsWith(3.5, 3.0, 2.0, 1.75, 1.5, 1.25);
    assertThat(log.records()).isEqualTo(9);
  }

  @Test
  void aReplacedLogIsReadAgainFromTheStart() throws Exception {
    Path file = dir.resolve("log.jsonl");
    Files.writeString(file, train(1, 3.0) + train(2, 2.0));
    RunLog log = new RunLog(file);
    log.refresh();
    assertThat(log.last("train").last("step")).isEqualTo(2.0);
    Files.delete(file);
    Files.writeString(file, train(1, 9.0));
    log.refresh();
    assertThat(log.table("train").column("loss")).startsWith(9.0);
    assertThat(log.table("train").rows()).isEqualTo(1);
  }
}
