package org.tinyformer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;

class BlockSamplerTest {
  private static final int[] COUNTING = IntStream.range(0, 1000).toArray();

  @Test
  void windowsAreContiguousWithTargetsShiftedByOne() {
    BlockSampler sampler = new BlockSampler(TokenStream.of(COUNTING), 4, 8, 1);
    for (int step = 0; step < 50; step++) {
      Batch batch = sampler.next();
      assertThat(batch.batchSize()).isEqualTo(4);
      assertThat(batch.length()).isEqualTo(8);
      for (int b = 0; b < 4; b++) {
        int[] x = batch.inputRow(b);
        int[] y = batch.targetRow(b);
        for (int t = 0; t < 8; t++) {
          assertThat(x[t]).isEqualTo(x[0] + t);
          assertThat(y[t]).isEqualTo(x[t] + 1);
        }
        assertThat(x[0]).isBetween(0, 1000 - 8 - 1);
      }
    }
  }

  @Test
  void everyStartIsReachedIncludingTheLast() {
    int[] tokens = IntStream.range(0, 6).toArray();
    BlockSampler sampler = new BlockSampler(TokenStream.of(tokens), 1, 3, 7);
    boolean[] seen = new boolean[3];
    for (int i = 0; i < 200; i++) {
      seen[sampler.next().inputs()[0]] = true;
    }
    assertThat(seen).containsOnly(true);
  }

  @Test
  void restoringTheStateReplaysTheSameBatches() {
    BlockSampler a = new BlockSampler(TokenStream.of(COUNTING), 3, 5, 42);
    a.next();
    long[] state = a.state();
    Batch first = a.next();
    Batch second = a.next();
    BlockSampler b = new BlockSampler(TokenStream.of(COUNTING), 3, 5, 999);
    b.restore(state);
    assertThat(b.next().inputs()).containsExactly(first.inputs());
    assertThat(b.next().targets()).containsExactly(second.targets());
  }

  @Test
  void sameSeedSameBatches() {
    Batch a = new BlockSampler(TokenStream.of(COUNTING), 2, 4, 5).next();
    Batch b = new BlockSampler(TokenStream.of(COUNTING), 2, 4, 5).next();
    assertThat(a.inputs()).containsExactly(b.inputs());
  }

  @Test
  void rejectsStreamsTooShortForOneWindow() {
    assertThatThrownBy(() -> new BlockSampler(TokenStream.of(new int[8]), 1, 8, 0))
        .hasMessage("block sampler: need more than 8 tokens for windows of 8 plus a target, got 8");
  }

  @Test
  void samplesOverSlicesOfTheSplit() {
    TrainValSplit split = TrainValSplit.of(TokenStream.of(COUNTING));
    assertThat(split.train().size()).isEqualTo(900);
    assertThat(split.val().get(0)).isEqualTo(900);
    Batch batch = new BlockSampler(split.val(), 8, 10, 3).next();
    assertThat(Arrays.stream(batch.inputs()).min().getAsInt()).isGreaterThanOrEqualTo(900);
  }

  @Test
  void uniformHandlesBoundsBeyondIntRange() {
    Rng rng = new Rng(1);
    long bound = 3L * Integer.MAX_VALUE;
    boolean sawHigh = false;
    for (int i = 0; i < 100; i++) {
      long r = BlockSampler.uniform(rng, bound);
      assertThat(r).isBetween(0L, bound - 1);
      sawHigh |= r > Integer.MAX_VALUE;
    }
    assertThat(sawHigh).isTrue();
  }
}
