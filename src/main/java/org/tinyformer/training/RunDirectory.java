package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tinyformer.io.AtomicDirectory;

/**
 * The files of one training run: {@code config.yaml}, {@code log.jsonl}, {@code
 * checkpoints/{last,best,step-N}/}, {@code plots/} and, while a process trains it, {@code
 * train.lock} ({@link RunLock}). A run is written only under its lock; readers need none.
 */
public record RunDirectory(Path root) {

  /** The directory a run named {@code name} uses by default: {@code runs/<name>}. */
  public static Path defaultFor(String name) {
    return Path.of("runs", name);
  }

  /**
   * Locks a fresh directory for a new run: {@code preferred} when it holds no run and no other
   * process trains there, else {@code preferred-2}, {@code -3}, ... (so repeated runs never
   * overwrite each other). The directory is {@link RunLock#root()}.
   */
  public static RunLock lockFresh(Path preferred) throws IOException {
    for (int i = 1; ; i++) {
      Path candidate =
          i == 1 ? preferred : preferred.resolveSibling(preferred.getFileName() + "-" + i);
      if (new RunDirectory(candidate).holdsRun()) {
        continue;
      }
      Optional<RunLock> lock = RunLock.tryAcquire(candidate);
      if (lock.isPresent() && !new RunDirectory(candidate).holdsRun()) {
        return lock.get();
      }
      if (lock.isPresent()) {
        lock.get().close(); // a run appeared before we locked
      }
    }
  }

  /**
   * Locks this directory for a new run. A directory that already holds a run ({@link #holdsRun}) is
   * refused, or with {@code force} cleared first (under the lock).
   */
  public RunLock lockForNewRun(boolean force) throws IOException {
    RunLock lock = RunLock.acquire(root);
    try {
      if (holdsRun()) {
        if (!force) {
          throw new IllegalArgumentException(
              "run directory "
                  + root
                  + " already holds a run ("
                  + String.join(", ", runFiles())
                  + "); pass --resume to continue it, --force to delete it and start over, or"
                  + " another --run-dir");
        }
        clear();
      }
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Locks this directory to continue its run; refused when it has no complete checkpoint. */
  public RunLock lockForResume() throws IOException {
    RunLock lock = RunLock.acquire(root);
    if (!hasCheckpoints()) {
      lock.close();
      throw new IllegalArgumentException(
          "run directory "
              + root
              + " has nothing to resume (no checkpoints/last); start it without --resume");
    }
    return lock;
  }

  /** True when a run was started here: there is a log or any checkpoint (complete or not). */
  public boolean holdsRun() {
    return !runFiles().isEmpty();
  }

  /** The files that show a run was started here: the log and every checkpoint entry. */
  private List<String> runFiles() {
    List<String> found = new ArrayList<>();
    if (Files.exists(logFile())) {
      found.add(logFile().getFileName().toString());
    }
    if (Files.isDirectory(checkpoints())) {
      try (Stream<Path> s = Files.list(checkpoints())) {
        s.map(p -> "checkpoints/" + p.getFileName()).sorted().forEach(found::add);
      } catch (IOException e) {
        found.add("checkpoints/ (unreadable: " + e.getMessage() + ")");
      }
    }
    return found;
  }

  /** Deletes the run's files (log, config, checkpoints, plots), keeping anything else. */
  private void clear() throws IOException {
    Files.deleteIfExists(logFile());
    Files.deleteIfExists(configFile());
    AtomicDirectory.deleteTree(checkpoints());
    AtomicDirectory.deleteTree(plots());
  }

  public Path configFile() {
    return root.resolve("config.yaml");
  }

  public Path logFile() {
    return root.resolve("log.jsonl");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path plots() {
    return root.resolve("plots");
  }

  public Path last() {
    return checkpoints().resolve("last");
  }

  public Path best() {
    return checkpoints().resolve("best");
  }

  public Path step(long step) {
    return checkpoints().resolve("step-" + step);
  }

  /** True when a complete {@code last} checkpoint exists (after crash recovery). */
  public boolean hasCheckpoints() {
    try {
      return AtomicDirectory.resolve(last()).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** Creates the directories. */
  public void create() throws IOException {
    Files.createDirectories(checkpoints());
  }

  /** Writes the resolved config (atomically: a crash never leaves half a file). */
  public void writeConfig(String yaml) throws IOException {
    Files.createDirectories(root);
    Path tmp = root.resolve(".config.yaml.tmp");
    Files.writeString(tmp, yaml);
    Files.move(
        tmp,
        configFile(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
