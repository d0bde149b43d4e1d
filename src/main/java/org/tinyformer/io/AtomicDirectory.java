package org.tinyformer.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a directory so that a crash at any moment leaves either the old complete directory or the
 * new complete one: files go to {@code .tmp-NAME-*} in the same parent, are fsynced, then the old
 * {@code NAME} is renamed to {@code .old-NAME-*}, the new one renamed into place and the old one
 * deleted. {@link #recover} undoes a crash between the two renames.
 *
 * <p>{@code AtomicDirectory.write(dir.resolve("last"), tmp -> save(tmp));}
 */
public final class AtomicDirectory {
  private static final String TMP = ".tmp-";
  private static final String OLD = ".old-";

  /** Fills a fresh, empty directory. */
  @FunctionalInterface
  public interface Filler {
    void fill(Path dir) throws IOException;
  }

  private AtomicDirectory() {}

  /** Replaces {@code target} by a directory that {@code filler} writes, atomically. */
  public static void write(Path target, Filler filler) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    Path tmp = Files.createTempDirectory(parent, TMP + name + "-");
    try {
      filler.fill(tmp);
      syncTree(tmp);
      Path old = null;
      if (Files.exists(target)) {
        old = parent.resolve(OLD + name + "-" + System.nanoTime());
        move(target, old);
      }
      move(tmp, target);
      syncDirectory(parent);
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw asTarget(e, tmp, target);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /**
   * A failure that names a file in the temporary directory, reported for the same file under {@code
   * target}: the temporary directory is gone by the time the user reads the message.
   */
  private static IOException asTarget(IOException e, Path tmp, Path target) {
    if (e.getClass() != FileSystemException.class) {
      return e; // only a failed write (WriteErrors); NoSuchFile and the like keep their type
    }
    FileSystemException fse = (FileSystemException) e;
    if (fse.getFile() == null) {
      return e;
    }
    Path file = Path.of(fse.getFile());
    if (!file.toAbsolutePath().startsWith(tmp.toAbsolutePath())) {
      return e;
    }
    Path shown = target.resolve(tmp.toAbsolutePath().relativize(file.toAbsolutePath()));
    FileSystemException named =
        new FileSystemException(shown.toString(), fse.getOtherFile(), fse.getReason());
    named.initCause(e);
    return named;
  }

  /**
   * Repairs {@code parent} after a crash: a missing {@code NAME} with a {@code .old-NAME-*} gets
   * the newest of those back; leftover temporary and old directories are deleted.
   */
  public static void recover(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    for (Path old : children(parent, OLD)) {
      String name = baseName(old, OLD);
      Path target = parent.resolve(name);
      if (!Files.exists(target)) {
        move(old, target);
      } else {
        deleteTree(old);
      }
    }
    for (Path tmp : children(parent, TMP)) {
      deleteTree(tmp);
    }
    syncDirectory(parent);
  }

  /**
   * The complete directory for {@code target} without changing anything: {@code target} itself, or
   * after a crash between the two renames the newest {@code .old-NAME-*}.
   */
  public static Optional<Path> resolve(Path target) throws IOException {
    if (Files.isDirectory(target)) {
      return Optional.of(target);
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.empty();
    }
    String name = target.getFileName().toString();
    return children(parent, OLD).stream()
        .filter(p -> baseName(p, OLD).equals(name))
        .reduce((a, b) -> b);
  }

  /** Children whose names start with {@code prefix}, in name order (old ones by time). */
  private static List<Path> children(Path parent, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .sorted(Comparator.comparing(AtomicDirectory::suffixNumber))
          .toList();
    }
  }

  private static long suffixNumber(Path p) {
    String n = p.getFileName().toString();
    try {
      return Long.parseLong(n.substring(n.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String baseName(Path p, String prefix) {
    String n = p.getFileName().toString().substring(prefix.length());
    int dash = n.lastIndexOf('-');
    return dash < 0 ? n : n.substring(0, dash);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Forces every file in {@code dir} and then the directory itself to disk. */
  static void syncTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
    }
    syncDirectory(dir);
  }

  /** Forces a directory entry to disk where the platform allows it (Linux does, Windows not). */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open directories; the rename is still atomic there
    }
  }

  /** Deletes a directory tree (missing is fine). */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      // best effort: recover() removes leftovers on the next run
    }
  }
}
