package org.tinyformer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.base.StrictUtf8;

/**
 * Reads a text corpus from a UTF-8 file, strictly: an invalid byte is an error naming the path and
 * the byte offset, never a silent replacement character. Usage: {@code String text =
 * TextCorpus.read(Path.of("input.txt"));}
 */
public final class TextCorpus {
  /** The largest file {@link #read} accepts: a Java array's limit. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 16;

  private TextCorpus() {}

  /** The whole file as text; throws IllegalArgumentException at the first invalid UTF-8 byte. */
  public static String read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              "text corpus: %s has %,d bytes, more than the %,d an in-memory corpus can hold;"
                  + " pretokenize it into a tokens.bin shard (tinyformer tokenizer pretokenize)",
              path, size, MAX_BYTES));
    }
    return decode(Files.readAllBytes(path), path.toString());
  }

  /** Decodes {@code bytes} as strict UTF-8; {@code source} names them in the error message. */
  public static String decode(byte[] bytes, String source) {
    try {
      return StrictUtf8.decode(bytes, "text corpus: " + source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage() + "; convert it to UTF-8 first, e.g. iconv -f LATIN1 -t UTF-8");
    }
  }
}
