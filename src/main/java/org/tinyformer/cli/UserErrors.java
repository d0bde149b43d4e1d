package org.tinyformer.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one-line messages the CLI prints after {@code error:}. */
final class UserErrors {
  private UserErrors() {}

  /** The message to show: the exception's own message, or its type when it has none. */
  static String message(Throwable ex) {
    Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    if (t instanceof NoSuchFileException nsf) {
      return "file not found: " + nsf.getFile();
    }
    if (t instanceof FileNotFoundException) {
      return "file not found: " + t.getMessage();
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName() + " (run with --verbose for the stack trace)";
    }
    return m.lines().findFirst().orElse(m);
  }

  /**
   * Bad arguments and bad configs are usage errors (exit 2); everything else is a failure (exit 1).
   */
  static boolean isUsageError(Throwable ex) {
    return ex instanceof IllegalArgumentException;
  }
}
