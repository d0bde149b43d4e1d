package org.tinyformer.data.corpus;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How a corpus file holds documents: {@code TEXT} (UTF-8; documents end at the end of the file or
 * at an end-of-text token in it) or {@code JSONL} (one JSON object per line, its text in one
 * field). Chosen by the file name: {@code .jsonl} and {@code .ndjson}, optionally with {@code .gz},
 * are JSONL, everything else is text; {@code .gz} files are decompressed on the fly.
 */
public enum CorpusFormat {
  TEXT,
  JSONL;

  /** The format of {@code file} by its name. */
  public static CorpusFormat of(Path file) {
    String name = baseName(file);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSONL : TEXT;
  }

  /** Whether {@code file} is gzip-compressed (its name ends in {@code .gz}). */
  public static boolean gzipped(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }
}
