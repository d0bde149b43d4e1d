package org.tinyformer.kernels.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one shared thread pool of all kernels: {@code threads() - 1} persistent daemon workers plus
 * the calling thread. Workers spin briefly after a job (hand-off in microseconds, which matters on
 * small matrices) and park when idle. Usage: {@code Parallel.forRange(rows, 64, (lo, hi) -> ...)}.
 */
public final class Parallel {
  private Parallel() {}

  /** The body of a parallel loop: handles the indices {@code [start, end)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int start, int end);
  }

  /** How long an idle worker spins before it parks: long enough to catch back-to-back kernels. */
  private static final long SPIN_NANOS = 2_000_000L;

  /** Chunks per thread when the range is large enough: load balance against hand-off cost. */
  static final int CHUNKS_PER_THREAD = 4;

  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final Worker[] WORKERS = startWorkers(THREADS - 1);

  /**
   * Held by the one thread that currently owns the workers; others (and nested calls) run inline.
   */
  private static final AtomicBoolean BUSY = new AtomicBoolean();

  /** The job being run, published to the workers through the volatile {@link #generation}. */
  private static Job job;

  private static volatile int generation;

  /** Threads a parallel loop uses: the available processors. */
  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks
   * of at least {@code minChunk} indices. Runs inline on the calling thread when {@code n < 2 *
   * minChunk}, when called from inside another {@code forRange} body, or when the pool is busy with
   * another caller's loop, so kernels may call each other freely without deadlock.
   */
  public static void forRange(int n, int minChunk, RangeBody body) {
    if (n <= 0) {
      return;
    }
    int chunks = Math.min(THREADS * CHUNKS_PER_THREAD, n / Math.max(1, minChunk));
    if (chunks <= 1 || !BUSY.compareAndSet(false, true)) {
      body.run(0, n);
      return;
    }
    try {
      runOnPool(new Job(n, chunks, body));
    } finally {
      BUSY.set(false);
    }
  }

  private static void runOnPool(Job current) {
    job = current;
    generation++; // volatile write publishes job to the workers
    for (Worker w : WORKERS) {
      if (w.parked) {
        LockSupport.unpark(w);
      }
    }
    current.work();
    for (int spins = 1; current.done.get() < current.chunks; spins++) {
      if ((spins & 1023) == 0) {
        Thread.yield(); // the machine may be oversubscribed: let a descheduled worker finish
      } else {
        Thread.onSpinWait();
      }
    }
    job = null;
    if (current.failure != null) {
      throwUnchecked(current.failure);
    }
  }

  private static void throwUnchecked(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }

  private static Worker[] startWorkers(int count) {
    Worker[] workers = new Worker[count];
    for (int i = 0; i < count; i++) {
      workers[i] = new Worker(i + 1);
      workers[i].start();
    }
    return workers;
  }

  /** One parallel loop: chunks are claimed from {@code next} by the caller and the workers. */
  private static final class Job {
    final int n;
    final int chunks;
    final RangeBody body;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Job(int n, int chunks, RangeBody body) {
      this.n = n;
      this.chunks = chunks;
      this.body = body;
    }

    /** Claims and runs chunks until none are left. */
    void work() {
      for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
        try {
          body.run((int) ((long) n * i / chunks), (int) ((long) n * (i + 1) / chunks));
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }
  }

  /** A pool thread: waits for a new generation (spinning, then parked), helps with its job. */
  private static final class Worker extends Thread {
    volatile boolean parked;

    Worker(int index) {
      super("tinyformer-kernel-" + index);
      setDaemon(true);
    }

    @Override
    public void run() {
      int seen = generation;
      while (true) {
        seen = awaitGeneration(seen);
        Job current = job;
        if (current != null) {
          current.work();
        }
      }
    }

    private int awaitGeneration(int seen) {
      long start = System.nanoTime();
      int spins = 0;
      while (generation == seen) {
        Thread.onSpinWait();
        if ((++spins & 1023) == 0 && System.nanoTime() - start > SPIN_NANOS) {
          parked = true;
          if (generation == seen) {
            LockSupport.park(this);
          }
          parked = false;
          start = System.nanoTime();
        }
      }
      return generation;
    }
  }
}
