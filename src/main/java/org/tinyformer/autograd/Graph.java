package org.tinyformer.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward pass: orders the graph below a root by an iterative (non-recursive) depth-first
 * topological sort, calls {@link Node#propagate} from the root down, then releases the graph. A
 * chain of a million nodes needs no deep Java stack.
 */
public final class Graph {
  private Graph() {}

  /**
   * Propagates the gradient already seeded in {@code root} to every node below it, then releases
   * the graph (a second backward through it fails with a clear message).
   */
  public static void backward(Node root) {
    List<Node> order = topologicalOrder(root);
    for (int i = order.size() - 1; i >= 0; i--) {
      order.get(i).propagate();
    }
    for (Node node : order) {
      node.releaseGraph();
    }
  }

  /**
   * Nodes that require a gradient reachable from {@code root}, every node after all of its parents
   * (so the root comes last).
   */
  public static List<Node> topologicalOrder(Node root) {
    List<Node> order = new ArrayList<>();
    Map<Node, Boolean> visited = new IdentityHashMap<>();
    // Each frame is a node and the index of the next parent to visit: an explicit DFS stack.
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    visited.put(root, Boolean.TRUE);
    stack.push(new Object[] {root, root.parents(), 0});
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Node[] parents = (Node[]) frame[1];
      int next = (Integer) frame[2];
      if (next < parents.length) {
        frame[2] = next + 1;
        Node parent = parents[next];
        if (parent.requiresGrad() && visited.put(parent, Boolean.TRUE) == null) {
          stack.push(new Object[] {parent, parent.parents(), 0});
        }
      } else {
        stack.pop();
        order.add((Node) frame[0]);
      }
    }
    return order;
  }
}
