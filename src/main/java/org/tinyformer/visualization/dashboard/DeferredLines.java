package org.tinyformer.visualization.dashboard;

import java.util.Arrays;

/**
 * Where a log's not-yet-parsed lines are: file offset, length and record number of each, in file
 * order (see {@link RunLog}). Sixteen bytes a line, against about 140 for the line itself.
 */
final class DeferredLines {
  private long[] offsets = new long[64];
  private int[] lengths = new int[64];
  private int[] records = new int[64];
  private int size;

  void add(long offset, int length, int record) {
    if (size == offsets.length) {
      int n = size * 2;
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
      records = Arrays.copyOf(records, n);
    }
    offsets[size] = offset;
    lengths[size] = length;
    records[size] = record;
    size++;
  }

  int size() {
    return size;
  }

  long offset(int i) {
    return offsets[i];
  }

  int length(int i) {
    return lengths[i];
  }

  int record(int i) {
    return records[i];
  }

  /** Forgets every line (they were parsed, or the log starts over) and gives the memory back. */
  void clear() {
    offsets = new long[64];
    lengths = new int[64];
    records = new int[64];
    size = 0;
  }
}
