package org.tinyformer.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Helpers shared by the fuzz targets: one scratch directory per JVM for the files a target writes,
 * and the rule every target enforces: a hostile input may only end in one of our own user errors
 * (IllegalArgumentException or IOException, with a one-line message); anything else (a
 * NullPointerException, an index error, OutOfMemoryError) is a finding.
 */
public final class FuzzFiles {
  private static Path dir;

  private FuzzFiles() {}

  /** A scratch file {@code name}, rewritten with {@code bytes}. */
  public static synchronized Path write(String name, byte[] bytes) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("tinyformer-fuzz");
        dir.toFile().deleteOnExit();
      }
      Path p = dir.resolve(name);
      Files.write(p, bytes);
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code body}; a user error with a one-line message is fine, anything else propagates. */
  public static void expectUserErrorOnly(ThrowingRunnable body) throws Exception {
    try {
      body.run();
    } catch (IllegalArgumentException | IOException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank() || m.contains("\n")) {
        throw new AssertionError("user error without a one-line message: " + e, e);
      }
    }
  }

  /** A runnable that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
