package org.tinyformer.kernels.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void threadsIsTheProcessorCount() {
    assertThat(Parallel.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void visitsEveryIndexExactlyOnceInContiguousChunks() {
    for (int n : new int[] {1, 2, 3, 7, 64, 1000, 100_003}) {
      for (int minChunk : new int[] {1, 3, 50}) {
        AtomicIntegerArray visits = new AtomicIntegerArray(n);
        AtomicInteger chunks = new AtomicInteger();
        Parallel.forRange(
            n,
            minChunk,
            (start, end) -> {
              assertThat(end).isGreaterThan(start);
              chunks.incrementAndGet();
              for (int i = start; i < end; i++) {
                visits.incrementAndGet(i);
              }
            });
        for (int i = 0; i < n; i++) {
          assertThat(visits.get(i)).as("n=%d minChunk=%d index %d", n, minChunk, i).isOne();
        }
        assertThat(chunks.get())
            .isLessThanOrEqualTo(Parallel.threads() * Parallel.CHUNKS_PER_THREAD)
            .isLessThanOrEqualTo(Math.max(1, n / minChunk));
      }
    }
  }

  @Test
  void smallRangesRunInlineOnTheCaller() {
    Thread caller = Thread.currentThread();
    List<Thread> seen = new ArrayList<>();
    Parallel.forRange(10, 8, (start, end) -> seen.add(Thread.currentThread()));
    assertThat(seen).containsExactly(caller);
  }

  @Test
  void emptyRangeRunsNothing() {
    Parallel.forRange(
        0,
        1,
        (start, end) -> {
          throw new AssertionError("must not run");
        });
  }

  @Test
  void nestedCallsRunInlineWithoutDeadlock() {
    int n = 64;
    AtomicIntegerArray visits = new AtomicIntegerArray(n * n);
    Parallel.forRange(
        n,
        1,
        (start, end) -> {
          for (int i = start; i < end; i++) {
            int row = i;
            Thread outer = Thread.currentThread();
            Parallel.forRange(
                n,
                1,
                (s, e) -> {
                  assertThat(Thread.currentThread()).isSameAs(outer);
                  for (int j = s; j < e; j++) {
                    visits.incrementAndGet(row * n + j);
                  }
                });
          }
        });
    for (int i = 0; i < n * n; i++) {
      assertThat(visits.get(i)).isOne();
    }
  }

  @Test
  void exceptionInABodyReachesTheCaller() {
    assertThatThrownBy(
            () ->
                Parallel.forRange(
                    100,
                    1,
                    (start, end) -> {
                      if (end == 100) {
                        throw new IllegalStateException("boom at " + start);
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("boom at");
    // the pool still works afterwards
    AtomicInteger sum = new AtomicInteger();
    Parallel.forRange(100, 1, (start, end) -> sum.addAndGet(end - start));
    assertThat(sum.get()).isEqualTo(100);
  }

  @Test
  void concurrentCallersEachGetTheirWholeRange() throws InterruptedException {
    int callers = 4;
    int n = 10_000;
    AtomicIntegerArray totals = new AtomicIntegerArray(callers);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      int id = t;
      threads.add(
          new Thread(
              () -> {
                for (int rep = 0; rep < 200; rep++) {
                  Parallel.forRange(n, 16, (start, end) -> totals.addAndGet(id, end - start));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    for (int t = 0; t < callers; t++) {
      assertThat(totals.get(t)).isEqualTo(200 * n);
    }
  }
}
