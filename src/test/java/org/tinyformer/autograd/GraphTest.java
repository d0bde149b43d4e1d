package org.tinyformer.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine on its own, with toy nodes: ordering, deep graphs, release, no-grad scopes. */
class GraphTest {

  /** A toy node that records the order in which it propagates. */
  private static final class ToyNode implements Node {
    final String name;
    Node[] parents;
    final List<String> log;
    boolean released;

    ToyNode(String name, List<String> log, Node... parents) {
      this.name = name;
      this.log = log;
      this.parents = parents;
    }

    @Override
    public Node[] parents() {
      return parents;
    }

    @Override
    public void propagate() {
      log.add(name);
    }

    @Override
    public void releaseGraph() {
      released = true;
      parents = new Node[0];
    }

    @Override
    public boolean requiresGrad() {
      return true;
    }
  }

  @Test
  void propagatesEveryNodeOnceAfterAllItsConsumers() {
    List<String> log = new ArrayList<>();
    ToyNode a = new ToyNode("a", log);
    ToyNode b = new ToyNode("b", log, a);
    ToyNode c = new ToyNode("c", log, a, b);
    ToyNode d = new ToyNode("d", log, b, c);
    Graph.backward(d);
    assertThat(log).containsExactly("d", "c", "b", "a");
    assertThat(a.released && b.released && c.released && d.released).isTrue();
  }

  @Test
  void sortsAChainOfAMillionNodesWithoutRecursion() {
    List<String> log = new ArrayList<>();
    ToyNode node = new ToyNode("leaf", log);
    for (int i = 0; i < 1_000_000; i++) {
      node = new ToyNode("n", log, node);
    }
    assertThat(Graph.topologicalOrder(node)).hasSize(1_000_001);
  }

  @Test
  void noGradScopesNestAndRestore() {
    assertThat(GradMode.isEnabled()).isTrue();
    try (var outer = GradMode.noGrad()) {
      try (var inner = GradMode.noGrad()) {
        assertThat(GradMode.isEnabled()).isFalse();
      }
      assertThat(GradMode.isEnabled()).isFalse();
    }
    assertThat(GradMode.isEnabled()).isTrue();
  }

  @Test
  void noGradIsPerThread() throws InterruptedException {
    boolean[] otherThread = new boolean[1];
    try (var s = GradMode.noGrad()) {
      Thread t = new Thread(() -> otherThread[0] = GradMode.isEnabled());
      t.start();
      t.join();
    }
    assertThat(otherThread[0]).isTrue();
  }
}
