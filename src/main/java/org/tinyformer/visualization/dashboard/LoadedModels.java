package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;

/**
 * The checkpoints the "inside a run" page works on, loaded with {@link Checkpoint#load} and kept
 * for the {@link #CAPACITY} most recently used runs (reloaded when the checkpoint changes). A run's
 * model is used by one request at a time ({@link #use}), which is also what keeps one browser tab
 * from running many samples of one run at once.
 */
final class LoadedModels {
  /** How many loaded checkpoints are kept. */
  static final int CAPACITY = 4;

  private final Map<String, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    Path checkpoint;
    long stamp;
    LoadedRun loaded;
  }

  /** What a request does with a loaded checkpoint. */
  interface Use<T> {
    T apply(LoadedRun run) throws IOException;
  }

  /**
   * Runs {@code use} on the run's last checkpoint, waiting up to {@code waitMillis} for another
   * request on the same run to finish (0: refuse at once with {@code busyMessage}).
   */
  <T> T use(RunEntry run, long waitMillis, String busyMessage, Use<T> use) throws IOException {
    Path checkpoint =
        run.lastCheckpoint()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "run " + run.id() + " has no checkpoint yet (checkpoints/last)"));
    Slot slot = slot(run.id());
    boolean locked;
    try {
      locked = slot.lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      throw new BusyException(busyMessage);
    }
    try {
      long stamp = Files.getLastModifiedTime(checkpoint.resolve("model.safetensors")).toMillis();
      if (slot.loaded == null || !checkpoint.equals(slot.checkpoint) || stamp != slot.stamp) {
        slot.loaded = Checkpoint.load(checkpoint);
        slot.checkpoint = checkpoint;
        slot.stamp = stamp;
      }
      return use.apply(slot.loaded);
    } finally {
      slot.lock.unlock();
    }
  }

  private synchronized Slot slot(String id) {
    Slot slot = slots.computeIfAbsent(id, k -> new Slot());
    if (slots.size() > CAPACITY) {
      var eldest = slots.entrySet().iterator().next();
      if (!eldest.getValue().lock.isLocked()) {
        eldest.getValue().loaded = null; // an in-flight request keeps its own reference
        slots.remove(eldest.getKey());
      }
    }
    return slot;
  }

  /** A request refused because the run's model is busy (HTTP 429). */
  static final class BusyException extends RuntimeException {
    BusyException(String message) {
      super(message);
    }
  }
}
