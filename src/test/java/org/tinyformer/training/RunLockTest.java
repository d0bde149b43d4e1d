package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  private static final long PID = ProcessHandle.current().pid();
  @TempDir Path dir;

  @Test
  void aSecondHolderFailsAtOnceNamingTheHoldersPid() throws Exception {
    Path run = dir.resolve("run");
    try (RunLock lock = RunLock.acquire(run)) {
      assertThat(Files.readString(run.resolve("train.lock"))).isEqualTo(PID + "\n");
      var other = CompletableFuture.supplyAsync(() -> tryLockElsewhere(run)).get();
      assertThat(other)
          .isEqualTo(
              "run directory "
                  + run
                  + " is in use by process "
                  + PID
                  + " (this process) (lock file "
                  + run.resolve("train.lock")
                  + "); wait for it to finish, stop it, or pass another --run-dir");
    }
    assertThat(Files.readString(run.resolve("train.lock"))).as("cleared on release").isEmpty();
    try (RunLock again = RunLock.acquire(run)) {
      assertThat(again.stalePid()).isEmpty();
    }
  }

  private static String tryLockElsewhere(Path run) {
    try (RunLock lock = RunLock.acquire(run)) {
      return "locked";
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  @Test
  void theHoldingThreadMayLockAgainAndTheLockGoesWithTheLastRelease() throws Exception {
    Path run = dir.resolve("run");
    try (RunLock outer = RunLock.acquire(run)) {
      try (RunLock inner = RunLock.acquire(run)) {
        assertThat(inner.root()).isEqualTo(run);
      }
      assertThat(CompletableFuture.supplyAsync(() -> tryLockElsewhere(run)).get())
          .startsWith("run directory");
    }
    assertThat(CompletableFuture.supplyAsync(() -> tryLockElsewhere(run)).get())
        .isEqualTo("locked");
  }

  @Test
  void aLeftoverLockFileNobodyHoldsIsStaleAndTakenOver() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("train.lock"), "4242\n"); // as a killed trainer leaves it
    try (RunLock lock = RunLock.acquire(run)) {
      assertThat(lock.stalePid()).hasValue(4242);
      assertThat(Files.readString(run.resolve("train.lock"))).isEqualTo(PID + "\n");
    }
  }

  @Test
  void aNewRunRefusesADirectoryWithAnyCheckpointOrALogUnlessForced() throws Exception {
    RunDirectory run = new RunDirectory(dir.resolve("run"));
    Files.createDirectories(run.best());
    Files.createDirectories(run.step(500));
    Files.writeString(run.logFile(), "{\"type\":\"start\",\"step\":0}\n");
    Files.writeString(run.root().resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> run.lockForNewRun(false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "run directory "
                + run.root()
                + " already holds a run (log.jsonl, checkpoints/best, checkpoints/step-500); pass"
                + " --resume to continue it, --force to delete it and start over, or another"
                + " --run-dir");
    assertThat(run.logFile()).exists();
    try (RunLock lock = run.lockForNewRun(true)) {
      assertThat(run.holdsRun()).isFalse();
      assertThat(run.root().resolve("notes.txt")).as("not a run file").exists();
    }
  }

  @Test
  void resumeNeedsACompleteLastCheckpoint() throws Exception {
    RunDirectory run = new RunDirectory(dir.resolve("run"));
    Files.createDirectories(run.best());
    assertThatThrownBy(run::lockForResume)
        .hasMessage(
            "run directory "
                + run.root()
                + " has nothing to resume (no checkpoints/last); start it without --resume");
  }

  @Test
  void freshRunsSkipDirectoriesThatHoldARunOrAreLocked() throws Exception {
    Path preferred = dir.resolve("runs/tiny");
    Files.createDirectories(preferred.resolve("checkpoints/best"));
    try (RunLock busy = RunLock.acquire(dir.resolve("runs/tiny-2"));
        RunLock fresh = CompletableFuture.supplyAsync(() -> lockFresh(preferred)).get()) {
      assertThat(fresh.root()).isEqualTo(dir.resolve("runs/tiny-3"));
    }
  }

  private static RunLock lockFresh(Path preferred) {
    try {
      return RunDirectory.lockFresh(preferred);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void runNamesAreSinglePathSegments() {
    for (String name : List.of("..", ".", "a/b", "../x")) {
      assertThatThrownBy(() -> TrainConfig.defaults("x").with(List.of("name=" + name)))
          .as(name)
          .hasMessage(
              "config: name must be one path segment of letters, digits, '.', '_' or '-' (not"
                  + " only dots), got '"
                  + name
                  + "'");
    }
    assertThat(TrainConfig.defaults("x").with(List.of("name=v1.2_a-b")).name())
        .isEqualTo("v1.2_a-b");
  }
}
