package org.tinyformer.tensor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinyformer.autograd.Graph;
import org.tinyformer.autograd.Node;

/**
 * Finds NaN and Inf values and says where: {@code NanCheck.check("blocks.0.attn", y)} throws naming
 * the place, the operation and the first bad index; {@link #firstBadOperation} walks the graph
 * below a tensor to find the earliest operation whose output went bad.
 */
public final class NanCheck {
  private NanCheck() {}

  /** Throws {@link IllegalStateException} if {@code t}'s data holds a NaN or an Inf. */
  public static void check(String where, Tensor t) {
    String problem = describe(t.data(), t);
    if (problem != null) {
      throw new IllegalStateException(
          "nan check: " + where + ": " + problem + " (output of " + t.op() + ")");
    }
  }

  /** Throws if {@code t}'s gradient holds a NaN or an Inf (does nothing when there is none). */
  public static void checkGrad(String where, Tensor t) {
    String problem = t.grad() == null ? null : describe(t.grad(), t);
    if (problem != null) {
      throw new IllegalStateException("nan check: gradient of " + where + ": " + problem);
    }
  }

  /**
   * The earliest operation below {@code root} (in graph order) whose output holds a NaN or Inf,
   * described with its first bad index, or null when all are finite. Needs the graph (before
   * backward).
   */
  public static String firstBadOperation(Tensor root) {
    List<Node> order = Graph.topologicalOrder(root);
    for (Node node : order) {
      if (node instanceof Tensor t) {
        String problem = describe(t.data(), t);
        if (problem != null) {
          return t.op() + ": " + problem;
        }
      }
    }
    return null;
  }

  /**
   * The first tensor of {@code tensors} (in map order) holding a NaN or Inf, described as {@code
   * "blocks.0.mlp.fc.weight holds NaN at index (0, 2) of (2, 3)"}; empty when all are finite.
   */
  public static Optional<String> firstNonFinite(Map<String, Tensor> tensors) {
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String problem = describe(e.getValue().data(), e.getValue());
      if (problem != null) {
        return Optional.of(e.getKey() + " holds " + problem);
      }
    }
    return Optional.empty();
  }

  /** "NaN at index (0, 2) of (2, 3)", or null when every value is finite. */
  static String describe(float[] values, Tensor t) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        String kind = Float.isNaN(values[i]) ? "NaN" : values[i] > 0 ? "+Inf" : "-Inf";
        return kind + " at index " + unflatten(i, t.shape()) + " of " + t.shape();
      }
    }
    return null;
  }

  private static String unflatten(int flat, Shape shape) {
    int[] dims = shape.dims();
    int[] index = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      index[d] = flat % dims[d];
      flat /= dims[d];
    }
    return org.tinyformer.base.Checks.dims(index);
  }
}
