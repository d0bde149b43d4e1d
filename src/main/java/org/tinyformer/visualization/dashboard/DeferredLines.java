package org.tinyformer.visualization.dashboard;

import java.util.Arrays;

/**
 * Where a log's not-yet-parsed lines are (see {@link RunLog}), in file order, as spans: a span is
 * consecutive lines of the file ({@code '\n'}-separated, nothing else between them) with
 * consecutive record numbers, so a log of train lines with an eval line every thousand lines is a
 * hundred spans, not a hundred thousand entries. The last line's own offset and length are kept for
 * {@link RunLog#last}, which needs only it.
 */
final class DeferredLines {
  private long[] starts = new long[16]; // file offset of the span's first line
  private long[] ends = new long[16]; // file offset just past its last line (before that '\n')
  private int[] firstRecords = new int[16];
  private int[] counts = new int[16];
  private int spans;
  private int size; // lines in all spans
  private long lastOffset;
  private int lastLength;
  private int lastRecord;

  /** Adds the line of {@code length} bytes at {@code offset} with record number {@code record}. */
  void add(long offset, int length, int record) {
    int s = spans - 1;
    if (s >= 0 && offset == ends[s] + 1 && record == firstRecords[s] + counts[s]) {
      ends[s] = offset + length;
      counts[s]++;
    } else {
      if (spans == starts.length) {
        int n = spans * 2;
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        firstRecords = Arrays.copyOf(firstRecords, n);
        counts = Arrays.copyOf(counts, n);
      }
      starts[spans] = offset;
      ends[spans] = offset + length;
      firstRecords[spans] = record;
      counts[spans] = 1;
      spans++;
    }
    lastOffset = offset;
    lastLength = length;
    lastRecord = record;
    size++;
  }

  /** Lines deferred. */
  int size() {
    return size;
  }

  int spans() {
    return spans;
  }

  /** File offset of span {@code s}'s first line. */
  long start(int s) {
    return starts[s];
  }

  /** File offset just past span {@code s}'s last line (where its {@code '\n'} is). */
  long end(int s) {
    return ends[s];
  }

  /** Record number of span {@code s}'s first line; the next lines count up from it. */
  int firstRecord(int s) {
    return firstRecords[s];
  }

  /** Lines in span {@code s}. */
  int count(int s) {
    return counts[s];
  }

  long lastOffset() {
    return lastOffset;
  }

  int lastLength() {
    return lastLength;
  }

  int lastRecord() {
    return lastRecord;
  }

  /** Forgets every line (they were parsed, or the log starts over). */
  void clear() {
    starts = new long[16];
    ends = new long[16];
    firstRecords = new int[16];
    counts = new int[16];
    spans = 0;
    size = 0;
  }
}
