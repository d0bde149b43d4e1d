package org.tinyformer.autograd;

/**
 * Whether operations record the autograd graph, per thread. Inside {@code try (var s =
 * GradMode.noGrad()) { ... }} nothing is recorded (for evaluation and sampling); scopes nest.
 */
public final class GradMode {
  private GradMode() {}

  /** How many no-grad scopes are open on each thread; recording is on when zero. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** A scope opened by {@link #noGrad()}; closing it restores the previous mode. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** True when operations on this thread record the graph. */
  public static boolean isEnabled() {
    return DEPTH.get()[0] == 0;
  }

  /** Opens a scope in which no graph is recorded on this thread. */
  public static Scope noGrad() {
    int[] depth = DEPTH.get();
    depth[0]++;
    boolean[] closed = {false};
    return () -> {
      if (!closed[0]) {
        closed[0] = true;
        depth[0]--;
      }
    };
  }
}
