package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.io.Safetensors;
import org.tinyformer.tensor.Tensor;
import org.tinyformer.training.JsonlLog;

/**
 * A learning rate of 1e20 makes the loss NaN within a step or two: the run must stop with a
 * non-zero exit and one line naming the step, the last finite loss and the checkpoint to resume
 * from, which stays loadable; no checkpoint file ever holds a NaN.
 */
class DivergenceTest {
  @TempDir Path dir;

  @Test
  void aHugeLearningRateStopsTheRunAndKeepsTheNewestFiniteCheckpoint() throws IOException {
    Path text = TinyRuns.text(dir);
    Path run = dir.resolve("run");
    TinyRuns.Result ok = TinyRuns.cli(TinyRuns.train(text, run, 20));
    assertThat(ok.exit()).as(ok.err()).isZero();

    TinyRuns.Result r =
        TinyRuns.cli(
            TinyRuns.train(
                text,
                run,
                40,
                "--resume",
                "--set",
                "training.learning_rate=1e20",
                "--set",
                "training.min_lr=0",
                "--set",
                "training.grad_clip=0"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    Path last = run.resolve("checkpoints/last");
    assertThat(r.err())
        .matches(
            "error: train: (loss|gradient norm) is (NaN|Infinity|-Infinity) at step 2[12]"
                + " \\(last finite loss \\d+\\.\\d{4} at step 2[01]\\); resume from "
                + java.util.regex.Pattern.quote(last.toString())
                + " \\(step 20\\) with --resume and a lower training.learning_rate\\n");
    LoadedRun loaded = Checkpoint.load(run);
    assertThat(loaded.state().step()).isEqualTo(20);
    assertNoNonFiniteValueIn(run.resolve("checkpoints"));
    List<Map<String, Object>> log = JsonlLog.read(run.resolve("log.jsonl"));
    assertThat(log.get(log.size() - 1)).containsEntry("type", "diverged");
  }

  @Test
  void aRunThatDivergesBeforeItsFirstCheckpointWritesNone() throws IOException {
    Path text = TinyRuns.text(dir);
    Path run = dir.resolve("run");
    TinyRuns.Result r =
        TinyRuns.cli(TinyRuns.train(text, run, 20, "--set", "training.learning_rate=1e20"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .endsWith(
            "; no checkpoint was written yet: start over with --force and a lower"
                + " training.learning_rate\n");
    assertNoNonFiniteValueIn(run.resolve("checkpoints"));
  }

  @Test
  void skippingGivesUpWhenTheRunDoesNotComeBack() throws IOException {
    Path text = TinyRuns.text(dir);
    Path run = dir.resolve("run");
    TinyRuns.Result r =
        TinyRuns.cli(
            TinyRuns.train(
                text,
                run,
                20,
                "--set",
                "training.learning_rate=1e30",
                "--set",
                "training.on_nonfinite=skip"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .matches(
            "error: train: (weights are not finite \\(.* holds .*\\)|.* for 10 steps in a row"
                + " \\(skipped\\)) at step \\d+ .*\n");
    List<Map<String, Object>> log = JsonlLog.read(run.resolve("log.jsonl"));
    assertThat(log).anyMatch(rec -> "skipped".equals(rec.get("type")));
    assertThat(log.get(log.size() - 1)).containsEntry("type", "diverged");
    assertNoNonFiniteValueIn(run.resolve("checkpoints"));
  }

  static void assertNoNonFiniteValueIn(Path checkpoints) throws IOException {
    if (!Files.exists(checkpoints)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(checkpoints)) {
      files = s.filter(p -> p.toString().endsWith(".safetensors")).toList();
    }
    for (Path f : files) {
      for (Map.Entry<String, Tensor> e : Safetensors.read(f).entrySet()) {
        for (float x : e.getValue().data()) {
          assertThat(Float.isFinite(x)).as("%s in %s", e.getKey(), f).isTrue();
        }
      }
    }
  }
}
