package org.tinyformer.tokenizers;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.tinyformer.base.Checks;

/**
 * The merge list of a BPE tokenizer in rank order: merge {@code r} joins the adjacent ids {@code
 * (left(r), right(r))} into {@code merged(r)}. Lookup of a pair's rank is an open-addressing hash
 * on the pair packed into a long. {@link #apply} merges a sequence like GPT-2's {@code bpe()}:
 * always the lowest-ranked adjacent pair first.
 */
public final class BpeMerges {
  /** Chunks up to this many ids are merged by rescanning; longer ones by a heap (same result). */
  static final int SCAN_LIMIT = 48;

  private final int[] left;
  private final int[] right;
  private final int[] merged;
  private final long[] keys;
  private final int[] ranks;
  private final int mask;

  /** Merge {@code r} joins {@code left[r]} and {@code right[r]} into {@code merged[r]}. */
  public BpeMerges(int[] left, int[] right, int[] merged) {
    Checks.check(
        left.length == right.length && left.length == merged.length,
        "bpe merges: left, right and merged differ in length: %d, %d, %d",
        left.length,
        right.length,
        merged.length);
    this.left = left.clone();
    this.right = right.clone();
    this.merged = merged.clone();
    int capacity = Integer.highestOneBit(Math.max(4, left.length * 2)) * 2;
    this.keys = new long[capacity];
    this.ranks = new int[capacity];
    this.mask = capacity - 1;
    Arrays.fill(keys, -1L);
    for (int r = 0; r < left.length; r++) {
      Checks.check(left[r] >= 0 && right[r] >= 0, "bpe merges: negative id in merge %d", r);
      int slot = slot(pack(left[r], right[r]));
      if (keys[slot] == -1L) { // a repeated pair keeps its first (lowest) rank
        keys[slot] = pack(left[r], right[r]);
        ranks[slot] = r;
      }
    }
  }

  /** Number of merges. */
  public int size() {
    return left.length;
  }

  public int left(int rank) {
    return left[rank];
  }

  public int right(int rank) {
    return right[rank];
  }

  public int merged(int rank) {
    return merged[rank];
  }

  /** The first {@code n} merges. */
  public BpeMerges prefix(int n) {
    Checks.check(n >= 0 && n <= size(), "bpe merges: prefix %d out of range 0..%d", n, size());
    return new BpeMerges(Arrays.copyOf(left, n), Arrays.copyOf(right, n), Arrays.copyOf(merged, n));
  }

  /** The rank of merging {@code a} then {@code b}, or {@link Integer#MAX_VALUE} when none. */
  public int rank(int a, int b) {
    long key = pack(a, b);
    int s = slot(key);
    return keys[s] == key ? ranks[s] : Integer.MAX_VALUE;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    int s = (int) (h >>> 40) & mask;
    while (keys[s] != -1L && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private static long pack(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }

  /** Merges {@code ids[0..n)} in place and returns the new length. */
  public int apply(int[] ids, int n) {
    return n <= SCAN_LIMIT ? applyByScan(ids, n) : applyByHeap(ids, n);
  }

  /** The plain version: find the lowest-ranked pair, merge all its occurrences, repeat. */
  int applyByScan(int[] ids, int n) {
    while (n >= 2) {
      int best = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < n; i++) {
        best = Math.min(best, rank(ids[i], ids[i + 1]));
      }
      if (best == Integer.MAX_VALUE) {
        break;
      }
      int a = left[best];
      int b = right[best];
      int w = 0;
      for (int i = 0; i < n; i++) {
        if (i + 1 < n && ids[i] == a && ids[i + 1] == b) {
          ids[w++] = merged[best];
          i++;
        } else {
          ids[w++] = ids[i];
        }
      }
      n = w;
    }
    return n;
  }

  /**
   * The fast version for long chunks: a doubly linked list of symbols and a min-heap of candidate
   * pairs ordered by (rank, position); entries made stale by earlier merges are skipped.
   */
  int applyByHeap(int[] ids, int n) {
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    PriorityQueue<long[]> heap =
        new PriorityQueue<>(
            (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    for (int i = 0; i + 1 < n; i++) {
      push(heap, ids, i, i + 1);
    }
    while (!heap.isEmpty()) {
      long[] e = heap.poll();
      int i = (int) e[1];
      int j = (int) e[2];
      int rank = (int) e[0];
      if (ids[i] < 0 || next[i] != j || ids[j] < 0 || rank(ids[i], ids[j]) != rank) {
        continue; // stale: a neighbour was merged away since this entry was pushed
      }
      ids[i] = merged[rank];
      ids[j] = -1;
      next[i] = next[j];
      if (next[j] >= 0) {
        prev[next[j]] = i;
      }
      if (prev[i] >= 0) {
        push(heap, ids, prev[i], i);
      }
      if (next[i] >= 0) {
        push(heap, ids, i, next[i]);
      }
    }
    int w = 0;
    for (int i = 0; i >= 0; i = next[i]) {
      ids[w++] = ids[i];
    }
    return w;
  }

  private void push(PriorityQueue<long[]> heap, int[] ids, int i, int j) {
    int r = rank(ids[i], ids[j]);
    if (r != Integer.MAX_VALUE) {
      heap.add(new long[] {r, i, j});
    }
  }
}
