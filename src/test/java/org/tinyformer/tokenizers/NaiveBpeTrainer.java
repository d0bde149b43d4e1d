package org.tinyformer.tokenizers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test oracle for {@link BpeTrainer}: recounts every pair of every word before each merge and
 * takes the maximum by (count, left bytes, right bytes). Returns the merges as byte-string pairs.
 */
final class NaiveBpeTrainer {
  private NaiveBpeTrainer() {}

  static List<byte[][]> merges(Map<String, Integer> chunkCounts, int numMerges) {
    List<List<byte[]>> words = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    chunkCounts.forEach(
        (chunk, count) -> {
          List<byte[]> symbols = new ArrayList<>();
          for (byte b : chunk.getBytes(StandardCharsets.UTF_8)) {
            symbols.add(new byte[] {b});
          }
          words.add(symbols);
          counts.add(count);
        });
    List<byte[][]> merges = new ArrayList<>();
    while (merges.size() < numMerges) {
      Map<String, Long> pairCounts = new HashMap<>();
      Map<String, byte[][]> pairs = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<byte[]> s = words.get(w);
        for (int i = 0; i + 1 < s.size(); i++) {
          String key = key(s.get(i)) + "\u0000" + key(s.get(i + 1));
          pairCounts.merge(key, (long) counts.get(w), Long::sum);
          pairs.putIfAbsent(key, new byte[][] {s.get(i), s.get(i + 1)});
        }
      }
      byte[][] best = null;
      long bestCount = 0;
      for (var e : pairCounts.entrySet()) {
        byte[][] p = pairs.get(e.getKey());
        if (e.getValue() > bestCount || (e.getValue() == bestCount && greater(p, best))) {
          best = p;
          bestCount = e.getValue();
        }
      }
      if (best == null) {
        break;
      }
      merges.add(best);
      for (List<byte[]> s : words) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (Arrays.equals(s.get(i), best[0]) && Arrays.equals(s.get(i + 1), best[1])) {
            byte[] joined = Arrays.copyOf(best[0], best[0].length + best[1].length);
            System.arraycopy(best[1], 0, joined, best[0].length, best[1].length);
            s.set(i, joined);
            s.remove(i + 1);
          }
        }
      }
    }
    return merges;
  }

  private static boolean greater(byte[][] p, byte[][] q) {
    int c = Arrays.compareUnsigned(p[0], q[0]);
    return c != 0 ? c > 0 : Arrays.compareUnsigned(p[1], q[1]) > 0;
  }

  private static String key(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
