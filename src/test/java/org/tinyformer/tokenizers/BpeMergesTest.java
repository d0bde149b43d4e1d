package org.tinyformer.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class BpeMergesTest {
  @Test
  void heapAndScanMergeIdentically() {
    BpeTokenizer gpt2 = SharedData.gpt2();
    String text = SharedData.read(SharedData.SHAKESPEARE);
    Rng rng = new Rng(7);
    for (int trial = 0; trial < 300; trial++) {
      int length = 1 + rng.nextInt(200);
      int start = rng.nextInt(text.length() - length);
      byte[] bytes = text.substring(start, start + length).replace(' ', 'e').getBytes();
      int[] a = new int[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        a[i] = gpt2.byteId(bytes[i]);
      }
      int[] b = a.clone();
      int na = gpt2.merges().applyByScan(a, a.length);
      int nb = gpt2.merges().applyByHeap(b, b.length);
      assertThat(Arrays.copyOf(b, nb)).isEqualTo(Arrays.copyOf(a, na));
    }
  }

  @Test
  void repeatedPairsMergeLeftToRight() {
    // ids 0..2 are bytes a, b, c; merge 0 joins (0, 0) into 3; merge 1 joins (3, 3) into 4
    BpeMerges m = new BpeMerges(new int[] {0, 3}, new int[] {0, 3}, new int[] {3, 4});
    int[] ids = {0, 0, 0, 0, 0};
    assertThat(Arrays.copyOf(ids, m.applyByScan(ids, 5))).containsExactly(4, 0);
    int[] ids2 = {0, 0, 0, 0, 0};
    assertThat(Arrays.copyOf(ids2, m.applyByHeap(ids2, 5))).containsExactly(4, 0);
    assertThat(m.rank(3, 3)).isEqualTo(1);
    assertThat(m.rank(1, 2)).isEqualTo(Integer.MAX_VALUE);
  }
}
