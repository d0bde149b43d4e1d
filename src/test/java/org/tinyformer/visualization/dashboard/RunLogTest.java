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

  @Test
  void aLogLongerThanOneReadChunkGivesEveryRecordInOrder() throws Exception {
    // 40,000 lines (4 MB: several 1 MB read chunks, so lines straddle chunk ends): train lines in
    // spans between eval lines, a blank line, a CRLF line, a padded line and a bad line
    Path file = dir.resolve("log.jsonl");
    StringBuilder text = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    List<Integer> trainSteps = new java.util.ArrayList<>();
    List<Integer> evalSteps = new java.util.ArrayList<>();
    int bad = 0;
    for (int step = 1; step <= 40_000; step++) {
      if (step % 997 == 0) {
        text.append("{\"type\":\"eval\",\"step\":").append(step).append(",\"val_loss\":2.5}\n");
        evalSteps.add(step);
      } else if (step == 12_345) {
        text.append("\n"); // blank: no record
      } else if (step == 23_456) {
        text.append("{\"type\":\"train\",\"step\":oops}\n"); // bad, found when parsed
        bad++;
      } else {
        String pad = "x".repeat(random.nextInt(200));
        String end = step == 30_000 ? "\r\n" : "\n";
        text.append("{\"type\":\"train\",\"step\":")
            .append(step)
            .append(",\"note\":\"")
            .append(pad)
            .append("\"}")
            .append(end);
        trainSteps.add(step);
      }
    }
    Files.writeString(file, text);
    RunLog log = new RunLog(file);
    log.refresh();
    assertThat(log.last("train").last("step")).isEqualTo(40_000.0);
    LogTable train = log.table("train");
    assertThat(train.rows()).isEqualTo(trainSteps.size());
    double[] steps = train.column("step");
    for (int i = 0; i < trainSteps.size(); i++) {
      assertThat(steps[i]).as("train row %d", i).isEqualTo((double) trainSteps.get(i));
    }
    assertThat(log.table("eval").rows()).isEqualTo(evalSteps.size());
    assertThat(log.badLines()).isEqualTo(bad);
    assertThat(log.records()).isEqualTo(40_000 - 1); // every line but the blank one has a number
    // record numbers count every non-blank line: step s after the blank line is record s - 2
    List<Map<String, Object>> tail = log.recordsSince(39_995, 100);
    assertThat(tail)
        .extracting(r -> ((Number) r.get("step")).intValue())
        .containsExactly(39_997, 39_998, 39_999, 40_000);
  }
}
