package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.training.ChildJvm;

/**
 * Two trainings on one run directory, in separate JVMs: the second (a fresh train or a --resume)
 * fails at once naming the first one's pid while the first keeps running; after the first is killed
 * with SIGKILL its leftover lock does not block --resume.
 */
@Tag("slow")
class RunLockProcessesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aSecondTrainingFailsAtOnceNamingTheHolderAndAKilledHoldersLockIsStale() throws Exception {
    Path text = TinyRuns.text(dir);
    Path run = dir.resolve("run");
    ChildJvm first = ChildJvm.cli(args(text, run, 100_000));
    assertThat(first.awaitStep(5)).as(first.output()).isTrue(); // checkpoints at 2 and 4
    long pid = first.process().pid();
    String locked =
        "error: run directory "
            + run
            + " is in use by process "
            + pid
            + " (lock file "
            + run.resolve("train.lock")
            + "); wait for it to finish, stop it, or pass another --run-dir\n";

    for (List<String> second : List.of(args(text, run, 100_000), resumeArgs(run, 100_000))) {
      long start = System.nanoTime();
      ChildJvm other = ChildJvm.cli(second);
      assertThat(other.waitFor(60)).as(other.output()).isEqualTo(1);
      assertThat(other.output()).endsWith(locked);
      assertThat(other.output()).doesNotContain("step 1/");
      System.out.printf(
          "second training refused after %.1f s (JVM start included)%n",
          (System.nanoTime() - start) / 1e9);
      assertThat(first.process().isAlive()).as("the first run goes on").isTrue();
    }
    int before = first.lastStep();
    assertThat(first.awaitStep(before + 2)).as("still training").isTrue();

    first.process().destroyForcibly().waitFor(); // SIGKILL: the lock file stays, the lock does not
    assertThat(Files.readString(run.resolve("train.lock")).trim()).isEqualTo(Long.toString(pid));
    for (String line : Files.readAllLines(run.resolve("log.jsonl"))) {
      JSON.readTree(line); // no torn line: only one process ever wrote
    }
    long k = Checkpoint.load(run).state().step();
    ChildJvm resumed = ChildJvm.cli(resumeArgs(run, (int) k + 3));
    assertThat(resumed.waitFor(120)).as(resumed.output()).isZero();
    assertThat(resumed.output())
        .contains(
            "note: process "
                + pid
                + " trained this run and ended without releasing its lock (killed or crashed);"
                + " taking it over");
    assertThat(Checkpoint.load(run).state().step()).isEqualTo(k + 3);
    assertThat(Files.readString(run.resolve("train.lock"))).as("released on exit").isEmpty();
  }

  private static List<String> args(Path text, Path run, int steps) {
    return Arrays.asList(
        TinyRuns.train(
            text,
            run,
            steps,
            "--set",
            "training.log_interval=1",
            "--set",
            "training.checkpoint_interval=2",
            "--set",
            "training.eval_interval=0"));
  }

  private static List<String> resumeArgs(Path run, int steps) {
    List<String> a = new ArrayList<>(List.of("train", "--run-dir", run.toString(), "--resume"));
    a.addAll(List.of("--set", "training.steps=" + steps));
    return a;
  }
}
