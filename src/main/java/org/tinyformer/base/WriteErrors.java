package org.tinyformer.base;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Names the file a failed write was for. The JDK reports a full disk from a stream or channel write
 * as a bare {@code IOException("No space left on device")}; wrapped here it becomes a {@link
 * FileSystemException} whose file is {@code path}, which the CLI prints as {@code No space left on
 * device: PATH}. Usage: {@code catch (IOException e) { throw WriteErrors.naming(path, e); }} or
 * {@code WriteErrors.writing(path, () -> Files.writeString(path, text));}
 */
public final class WriteErrors {
  private WriteErrors() {}

  /**
   * {@code e} when it already names a file, else {@code e} as the failure to write {@code path}.
   */
  public static IOException naming(Path path, IOException e) {
    if (e instanceof FileSystemException fse && fse.getFile() != null) {
      return e;
    }
    FileSystemException named =
        new FileSystemException(
            path.toString(), null, e.getMessage() == null ? "write failed" : e.getMessage());
    named.initCause(e);
    return named;
  }

  /** Runs {@code write}; a failure is reported as the failure to write {@code path}. */
  public static void writing(Path path, Write write) throws IOException {
    try {
      write.run();
    } catch (IOException e) {
      throw naming(path, e);
    }
  }

  /** A write that may fail. */
  @FunctionalInterface
  public interface Write {
    void run() throws IOException;
  }
}
