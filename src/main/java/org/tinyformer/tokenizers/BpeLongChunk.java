package org.tinyformer.tokenizers;

import java.util.Arrays;

/**
 * Merges a long chunk (a 20 MB line without spaces is one chunk) in linear time and bounded
 * memory: the bytes are cut into segments of {@link #SEGMENT} bytes merged independently, and
 * each cut is kept only when it is proven not to change the result, else moved by one byte.
 *
 * <p>The proof: when the merge list is {@linkplain BpeMerges#ordered() ordered} (every merge's
 * parts exist before it, as in any trained BPE), the heap merges in non-decreasing rank order, so
 * the whole chunk merges exactly like its segments until a pair across a cut is merged. Such a
 * pair (x, y) of the left segment's last symbol and the right segment's first symbol can only be
 * merged at its rank c when both symbols are alive then: birth(x), birth(y) &lt; c &lt;=
 * death(x), death(y). A cut where no pair of the two end histories meets that test is exact (a
 * tie at c is counted as unsafe). Unordered merge lists take the whole-chunk heap.
 */
final class BpeLongChunk {
  /** Chunks up to this many bytes are merged whole. */
  static final int SEGMENT = 4096;

  /** Cut positions tried after the planned one before merging the chunk whole. */
  static final int MAX_SHIFT = 256;

  private BpeLongChunk() {}

  /** The ids of {@code bytes} (mapped by {@code byteIds}) merged by {@code merges}. */
  static int[] merge(byte[] bytes, int[] byteIds, BpeMerges merges) {
    int n = bytes.length;
    BpeHeapMerge heap = new BpeHeapMerge(merges);
    if (!merges.ordered() || n <= SEGMENT) {
      return whole(bytes, byteIds, heap);
    }
    int[] out = new int[Math.max(16, n / 3)];
    int size = 0;
    int[] work = new int[2 * SEGMENT + MAX_SHIFT + 2];
    BpeHeapMerge.History committedLast = null;
    int start = 0;
    int cut = SEGMENT;
    int[] left = segment(bytes, byteIds, heap, work, start, cut);
    BpeHeapMerge.History leftFirst = heap.first.copy();
    BpeHeapMerge.History leftLast = heap.last.copy();
    while (cut < n) {
      int shift = 0;
      int[] right;
      while (true) {
        int end = Math.min(n, cut + SEGMENT);
        right = segment(bytes, byteIds, heap, work, cut, end);
        if (safe(leftLast, heap.first, merges)) {
          break;
        }
        if (++shift > MAX_SHIFT || cut + 1 >= n) {
          return whole(bytes, byteIds, heap);
        }
        cut++;
        left = segment(bytes, byteIds, heap, work, start, cut);
        leftFirst = heap.first.copy();
        leftLast = heap.last.copy();
        if (committedLast != null && !safe(committedLast, leftFirst, merges)) {
          return whole(bytes, byteIds, heap);
        }
      }
      BpeHeapMerge.History rightFirst = heap.first.copy();
      BpeHeapMerge.History rightLast = heap.last.copy();
      if (size + left.length > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, size + left.length));
      }
      System.arraycopy(left, 0, out, size, left.length);
      size += left.length;
      committedLast = leftLast;
      start = cut;
      cut = Math.min(n, cut + SEGMENT);
      left = right;
      leftFirst = rightFirst;
      leftLast = rightLast;
    }
    if (size + left.length > out.length) {
      out = Arrays.copyOf(out, size + left.length);
    }
    System.arraycopy(left, 0, out, size, left.length);
    return Arrays.copyOf(out, size + left.length);
  }

  private static int[] whole(byte[] bytes, int[] byteIds, BpeHeapMerge heap) {
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = byteIds[bytes[i] & 0xFF];
    }
    return Arrays.copyOf(ids, heap.apply(ids, ids.length));
  }

  private static int[] segment(
      byte[] bytes, int[] byteIds, BpeHeapMerge heap, int[] work, int from, int to) {
    for (int i = from; i < to; i++) {
      work[i - from] = byteIds[bytes[i] & 0xFF];
    }
    return Arrays.copyOf(work, heap.apply(work, to - from));
  }

  /** True when no pair of the left end's and the right end's symbols can merge (see above). */
  static boolean safe(BpeHeapMerge.History left, BpeHeapMerge.History right, BpeMerges merges) {
    for (int a = 0; a < left.size(); a++) {
      for (int b = 0; b < right.size(); b++) {
        int c = merges.rank(left.symbol(a), right.symbol(b));
        if (c != Integer.MAX_VALUE
            && c > Math.max(left.birth(a), right.birth(b))
            && c <= Math.min(left.death(a), right.death(b))) {
          return false;
        }
      }
    }
    return true;
  }
}
