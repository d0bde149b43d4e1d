package org.tinyformer.tokenizers;

import java.util.Arrays;
import java.util.BitSet;
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
  private final boolean ordered;

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
    this.ordered = ordered(this.left, this.right, this.merged);
  }

  /**
   * True when every token is made by at most one merge and only used by later merges (any trained
   * BPE): then merging proceeds in non-decreasing rank order, which {@link BpeLongChunk} relies on.
   */
  public boolean ordered() {
    return ordered;
  }

  private static boolean ordered(int[] left, int[] right, int[] merged) {
    int maxId = 0;
    for (int r = 0; r < left.length; r++) {
      maxId = Math.max(maxId, Math.max(merged[r], Math.max(left[r], right[r])));
    }
    BitSet used = new BitSet(maxId + 1);
    BitSet made = new BitSet(maxId + 1);
    for (int r = 0; r < left.length; r++) {
      used.set(left[r]);
      used.set(right[r]);
      if (merged[r] < 0 || used.get(merged[r]) || made.get(merged[r])) {
        return false;
      }
      made.set(merged[r]);
    }
    return true;
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

  /** The fast version for long chunks: see {@link BpeHeapMerge} (same result as the scan). */
  int applyByHeap(int[] ids, int n) {
    return new BpeHeapMerge(this).apply(ids, n);
  }
}
