package org.tinyformer.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns exceptions into the one-line messages the CLI prints after {@code error:}. */
final class UserErrors {
  private UserErrors() {}

  /**
   * The message to show: the exception's own message for the errors we raise on purpose (bad
   * arguments, bad files, I/O), a plain sentence for the JVM's own errors, and for anything else (a
   * bug) its type and message with the {@code --verbose} hint, always on one line.
   */
  static String message(Throwable ex) {
    Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    if (t instanceof OutOfMemoryError) {
      return "out of memory ("
          + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MB heap): use a smaller model, batch or input, or give Java more heap with"
          + " TINYFORMER_JAVA_OPTS=-Xmx8g";
    }
    if (t instanceof StackOverflowError) {
      return "stack overflow (an input nested too deeply?)" + HINT;
    }
    if (t instanceof NoSuchFileException nsf) {
      return "file not found: " + nsf.getFile();
    }
    if (t instanceof FileNotFoundException) {
      return "file not found: " + t.getMessage();
    }
    if (t instanceof FileSystemException fse) {
      return fileSystem(fse);
    }
    String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    boolean ours =
        t instanceof IllegalArgumentException
            || t instanceof IllegalStateException
            || t instanceof UnsupportedOperationException
            || t instanceof IOException;
    if (!ours || m.isBlank()) {
      return "unexpected " + t.getClass().getSimpleName() + (m.isBlank() ? "" : ": " + m) + HINT;
    }
    return m;
  }

  private static final String HINT = " (run with --verbose for the stack trace)";

  /**
   * Access denied, not a directory, no space left: the reason and the path, never the path alone.
   */
  private static String fileSystem(FileSystemException e) {
    String file = e.getFile() == null ? "" : e.getFile();
    String reason =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof NotDirectoryException
                ? "not a directory"
                : e instanceof FileAlreadyExistsException
                    ? "exists and is not a directory (or is in the way)"
                    : e.getReason() == null ? "file system error" : e.getReason();
    String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
    return reason + ": " + file + other;
  }

  /**
   * Bad arguments and bad configs are usage errors (exit 2); everything else is a failure (exit 1).
   */
  static boolean isUsageError(Throwable ex) {
    return ex instanceof IllegalArgumentException;
  }
}
