package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.io.AtomicDirectory;

/**
 * The files of one training run: {@code config.yaml}, {@code log.jsonl}, {@code
 * checkpoints/{last,best,step-N}/} and {@code plots/}.
 */
public record RunDirectory(Path root) {

  /** The directory a run named {@code name} uses by default: {@code runs/<name>}. */
  public static Path defaultFor(String name) {
    return Path.of("runs", name);
  }

  /**
   * A fresh directory for a new run: {@code preferred} when it has no checkpoints yet, else {@code
   * preferred-2}, {@code -3}, ... (so repeated runs never overwrite each other).
   */
  public static RunDirectory fresh(Path preferred) {
    Path candidate = preferred;
    for (int i = 2; new RunDirectory(candidate).hasCheckpoints(); i++) {
      candidate = preferred.resolveSibling(preferred.getFileName() + "-" + i);
    }
    return new RunDirectory(candidate);
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
