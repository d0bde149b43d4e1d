package org.tinyformer.autograd;

/**
 * A vertex of the autograd graph: an operation's output, which knows its inputs ({@link #parents})
 * and how to push its gradient back into them ({@link #propagate}). The engine ({@link Graph})
 * orders nodes and calls {@code propagate} from the root down; it knows nothing of tensors.
 */
public interface Node {
  /** The nodes this one was computed from (empty for a leaf or after {@link #releaseGraph}). */
  Node[] parents();

  /** Applies the local chain rule: accumulates this node's gradient into its parents' gradients. */
  void propagate();

  /** Drops the backward closure and the parent links so that the graph can be collected. */
  void releaseGraph();

  /** Whether a gradient flows into this node. */
  boolean requiresGrad();
}
