package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a run stands, from its directory and log: {@code diverged} (a {@code diverged} record, or a
 * non-finite training loss, after the last start), {@code running} (its {@code train.lock} is held
 * by a trainer, or its log changed in the last {@link #GROWING_MILLIS} ms), {@code stopped} (a
 * {@code stopped} record, or it ended before {@code training.steps}), {@code finished}.
 */
enum RunStatus {
  RUNNING,
  FINISHED,
  STOPPED,
  DIVERGED;

  /** A log that changed this recently belongs to a run still writing it (trainers without lock). */
  static final long GROWING_MILLIS = 15_000;

  /** The lock file a trainer holds while it writes a run. */
  static final String LOCK_FILE = "train.lock";

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static RunStatus of(Path runDir, RunLog log, long targetSteps, long nowMillis) {
    int lastStart = lastIndex(log.table("start"));
    if (lastIndex(log.table("diverged")) > lastStart || lossIsNotFinite(log.last("train"))) {
      return DIVERGED;
    }
    if (lockHeld(runDir.resolve(LOCK_FILE))) {
      return RUNNING;
    }
    if (lastIndex(log.table("stopped")) > lastStart) {
      return STOPPED;
    }
    LogTable train = log.last("train");
    double step = train == null ? 0 : train.last("step");
    if (targetSteps > 0 && step >= targetSteps) {
      return FINISHED;
    }
    if (nowMillis - log.modified() < GROWING_MILLIS) {
      return RUNNING;
    }
    return targetSteps > 0 ? STOPPED : FINISHED;
  }

  private static int lastIndex(LogTable table) {
    return table == null || table.rows() == 0 ? -1 : table.recordIndex(table.rows() - 1);
  }

  private static boolean lossIsNotFinite(LogTable train) {
    if (train == null || train.rows() == 0 || !train.has("loss")) {
      return false;
    }
    double loss = train.last("loss");
    return Double.isInfinite(loss) || (Double.isNaN(loss) && !Double.isNaN(train.last("step")));
  }

  /**
   * Whether a trainer holds the run's lock: a shared lock over a read-only channel is refused while
   * anyone holds the exclusive one (nothing is written; a lock file nobody holds is stale).
   */
  static boolean lockHeld(Path lockFile) {
    if (!Files.isRegularFile(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held by this very process (a trainer started from the same JVM)
    } catch (IOException e) {
      return false;
    }
  }
}
