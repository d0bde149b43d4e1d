package org.tinyformer.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Merges a long chunk (a 20 MB line without spaces is one chunk) in linear time and bounded memory:
 * the bytes are cut into segments of about {@link #SEGMENT} bytes merged independently (on all
 * cores), and a cut is kept only when it is proven not to change the result.
 *
 * <p>The proof: when the merge list is {@linkplain BpeMerges#ordered() ordered} (every merge's
 * parts exist before it, as in any trained BPE), the heap merges in non-decreasing rank order, so
 * the whole chunk merges exactly like its segments until a pair across a cut is merged. Such a pair
 * (x, y) of the left segment's last symbol and the right segment's first symbol can only be merged
 * at its rank c when both symbols are alive then: birth(x), birth(y) &lt; c &lt;= death(x),
 * death(y). A cut where no pair of the two end histories passes that test is exact (a tie at c
 * counts as unsafe). Cuts are chosen by probing small windows around the planned place and then
 * checked with the segments' real histories; a cut that fails is removed (its two segments are
 * merged together). Unordered merge lists take the whole-chunk heap.
 */
final class BpeLongChunk {
  /** Chunks up to this many bytes are merged whole. */
  static final int SEGMENT = 4096;

  /** Cut positions tried after the planned one. */
  static final int MAX_SHIFT = 256;

  /** Bytes on each side of a candidate cut merged to test it. */
  static final int PROBE = 64;

  private BpeLongChunk() {}

  /** The ids of {@code bytes} (mapped by {@code byteIds}) merged by {@code merges}. */
  static int[] merge(byte[] bytes, int[] byteIds, BpeMerges merges) {
    int n = bytes.length;
    if (!merges.ordered() || n <= 2 * SEGMENT) {
      return segment(bytes, byteIds, new BpeHeapMerge(merges), 0, n).ids;
    }
    List<Integer> cuts = cuts(bytes, byteIds, merges);
    int count = cuts.size() - 1;
    Segment[] segments = new Segment[count];
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), count / 4));
    IntStream.range(0, threads)
        .parallel()
        .forEach(
            t -> {
              BpeHeapMerge heap = new BpeHeapMerge(merges);
              for (int k = t; k < count; k += threads) {
                segments[k] = segment(bytes, byteIds, heap, cuts.get(k), cuts.get(k + 1));
              }
            });
    List<Segment> list = new ArrayList<>(Arrays.asList(segments));
    BpeHeapMerge heap = new BpeHeapMerge(merges);
    for (int k = 1; k < list.size(); ) {
      Segment a = list.get(k - 1);
      Segment b = list.get(k);
      if (safe(a.last, b.first, merges)) {
        k++;
        continue;
      }
      list.set(k - 1, segment(bytes, byteIds, heap, a.from, b.to)); // the cut failed: drop it
      list.remove(k);
      k = Math.max(1, k - 1);
    }
    int total = 0;
    for (Segment s : list) {
      total += s.ids.length;
    }
    int[] out = new int[total];
    int at = 0;
    for (Segment s : list) {
      System.arraycopy(s.ids, 0, out, at, s.ids.length);
      at += s.ids.length;
    }
    return out;
  }

  /** Cut positions: 0, about every {@link #SEGMENT} bytes where a probe finds it safe, n. */
  private static List<Integer> cuts(byte[] bytes, int[] byteIds, BpeMerges merges) {
    int n = bytes.length;
    BpeHeapMerge heap = new BpeHeapMerge(merges);
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    for (int planned = SEGMENT; planned <= n - SEGMENT; planned += SEGMENT) {
      int cut = planned;
      for (int p = planned; p < planned + MAX_SHIFT; p++) {
        BpeHeapMerge.History left = segment(bytes, byteIds, heap, p - PROBE, p).last;
        if (safe(left, segment(bytes, byteIds, heap, p, p + PROBE).first, merges)) {
          cut = p;
          break;
        }
      }
      cuts.add(cut);
    }
    cuts.add(n);
    return cuts;
  }

  private record Segment(
      int from, int to, int[] ids, BpeHeapMerge.History first, BpeHeapMerge.History last) {}

  private static Segment segment(byte[] bytes, int[] byteIds, BpeHeapMerge heap, int from, int to) {
    int[] ids = new int[to - from];
    for (int i = from; i < to; i++) {
      ids[i - from] = byteIds[bytes[i] & 0xFF];
    }
    int length = heap.apply(ids, ids.length);
    return new Segment(from, to, Arrays.copyOf(ids, length), heap.first.copy(), heap.last.copy());
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
