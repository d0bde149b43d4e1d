package org.tinyformer.tokenizers;

import java.util.Arrays;

/**
 * The heap form of BPE merging for long chunks: a doubly linked list of symbols and a binary
 * min-heap of candidate pairs keyed by {@code (rank, position)} packed into one {@code long}
 * (entries made stale by earlier merges are skipped). It also records the history of the first and
 * last symbol (which symbol, from which rank on), so that {@link BpeLongChunk} can prove that two
 * independently merged segments would not have merged across their boundary. Buffers are reused
 * between calls; one instance per thread.
 */
final class BpeHeapMerge {
  private final BpeMerges merges;
  private int[] prev = new int[0];
  private int[] next = new int[0];
  private int[] rankAt = new int[0]; // rank of the pair starting at each position
  private long[] heap = new long[16];
  private int heapSize;
  final History first = new History();
  final History last = new History();

  BpeHeapMerge(BpeMerges merges) {
    this.merges = merges;
  }

  /**
   * Merges {@code ids[0..n)} in place and returns the new length; fills {@link #first}/{@link
   * #last}.
   */
  int apply(int[] ids, int n) {
    first.reset(n > 0 ? ids[0] : -1);
    last.reset(n > 0 ? ids[n - 1] : -1);
    if (prev.length < n) {
      prev = new int[n];
      next = new int[n];
      rankAt = new int[n];
    }
    for (int i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    heapSize = 0;
    if (heap.length < n) {
      heap = new long[Math.max(16, 2 * n)];
    }
    for (int i = 0; i + 1 < n; i++) {
      int r = merges.rank(ids[i], ids[i + 1]);
      rankAt[i] = r;
      if (r != Integer.MAX_VALUE) {
        heap[heapSize++] = ((long) r << 32) | i;
      }
    }
    for (int k = heapSize / 2 - 1; k >= 0; k--) {
      siftDown(k, heap[k]);
    }
    int tail = n - 1;
    while (heapSize > 0) {
      long e = pop();
      int rank = (int) (e >>> 32);
      int i = (int) e;
      int j = ids[i] < 0 ? -1 : next[i];
      if (j < 0 || rankAt[i] != rank) {
        continue; // stale: a neighbour was merged away since this entry was pushed
      }
      ids[i] = merges.merged(rank);
      ids[j] = -1;
      next[i] = next[j];
      if (next[j] >= 0) {
        prev[next[j]] = i;
      }
      if (i == 0) {
        first.add(ids[i], rank);
      }
      if (j == tail) {
        tail = i;
        last.add(ids[i], rank);
      }
      if (prev[i] >= 0) {
        push(ids, prev[i], i);
      }
      if (next[i] >= 0) {
        push(ids, i, next[i]);
      } else {
        rankAt[i] = Integer.MAX_VALUE;
      }
    }
    int w = 0;
    for (int i = 0; n > 0 && i >= 0; i = next[i]) {
      ids[w++] = ids[i];
    }
    return w;
  }

  private void push(int[] ids, int i, int j) {
    int r = merges.rank(ids[i], ids[j]);
    rankAt[i] = r;
    if (r == Integer.MAX_VALUE) {
      return;
    }
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    long key = ((long) r << 32) | i;
    int k = heapSize++;
    while (k > 0 && heap[(k - 1) >>> 1] > key) {
      heap[k] = heap[(k - 1) >>> 1];
      k = (k - 1) >>> 1;
    }
    heap[k] = key;
  }

  private long pop() {
    long top = heap[0];
    long key = heap[--heapSize];
    if (heapSize > 0) {
      siftDown(0, key);
    }
    return top;
  }

  private void siftDown(int k, long key) {
    while (true) {
      int c = 2 * k + 1;
      if (c >= heapSize) {
        break;
      }
      if (c + 1 < heapSize && heap[c + 1] < heap[c]) {
        c++;
      }
      if (heap[c] >= key) {
        break;
      }
      heap[k] = heap[c];
      k = c;
    }
    heap[k] = key;
  }

  /**
   * The symbols that held one end of a segment: symbol {@code k} lived from birth(k) to birth(k+1).
   */
  static final class History {
    private int[] symbols = new int[8];
    private int[] births = new int[8];
    private int size;

    void reset(int symbol) {
      size = 0;
      add(symbol, -1);
    }

    void add(int symbol, int birth) {
      if (size == symbols.length) {
        symbols = Arrays.copyOf(symbols, size * 2);
        births = Arrays.copyOf(births, size * 2);
      }
      symbols[size] = symbol;
      births[size++] = birth;
    }

    History copy() {
      History h = new History();
      h.symbols = Arrays.copyOf(symbols, size);
      h.births = Arrays.copyOf(births, size);
      h.size = size;
      return h;
    }

    int size() {
      return size;
    }

    int symbol(int k) {
      return symbols[k];
    }

    int birth(int k) {
      return births[k];
    }

    /** The rank at which symbol {@code k} was merged away, or {@link Integer#MAX_VALUE}. */
    int death(int k) {
      return k + 1 < size ? births[k + 1] : Integer.MAX_VALUE;
    }
  }
}
