package org.tinyformer.data.corpus;

import org.tinyformer.base.Checks;

/**
 * Where a {@link CorpusReader} stands: the index of the input file, the byte offset in its
 * (decompressed) content and the 1-based number of the line that starts there. Saved in a shard
 * index so an interrupted pretokenize resumes exactly at a piece.
 */
public record CorpusPosition(int file, long offset, long line) {
  /** The start of the first file. */
  public static final CorpusPosition START = new CorpusPosition(0, 0, 1);

  public CorpusPosition {
    Checks.check(file >= 0, "corpus position: file must be >= 0, got %d", file);
    Checks.check(offset >= 0, "corpus position: offset must be >= 0, got %d", offset);
    Checks.check(line >= 1, "corpus position: line must be >= 1, got %d", line);
  }
}
