package org.tinyformer.visualization;

import java.util.List;
import org.tinyformer.base.Checks;
import org.tinyformer.models.AttentionKind;

/**
 * One attention matrix ready to draw: {@code weights[q][k]} is how much query position {@code q} (a
 * row, labelled by {@code queryTokens}) attends to key position {@code k}. {@code head} is {@link
 * #MEAN_OF_HEADS} for the average over all heads of the layer. {@code decoderOnly}: a GPT's
 * self-attention over its prompt, whose axes are positions in the prompt, not input and output.
 */
public record AttentionMap(
    String task,
    AttentionKind kind,
    int layer,
    int head,
    List<String> queryTokens,
    List<String> keyTokens,
    float[][] weights,
    boolean decoderOnly) {

  /** The {@code head} value of a map averaged over all heads. */
  public static final int MEAN_OF_HEADS = -1;

  public AttentionMap {
    queryTokens = List.copyOf(queryTokens);
    keyTokens = List.copyOf(keyTokens);
    Checks.check(
        weights.length == queryTokens.size(),
        "attention map: expected %d rows (one per query token), got %d",
        queryTokens.size(),
        weights.length);
    for (float[] row : weights) {
      Checks.check(
          row.length == keyTokens.size(),
          "attention map: expected %d columns (one per key token), got %d",
          keyTokens.size(),
          row.length);
    }
    Checks.check(layer >= 0, "attention map: layer must be >= 0, got %d", layer);
    Checks.check(head >= MEAN_OF_HEADS, "attention map: head must be >= 0, got %d", head);
  }

  /** A map of an encoder-decoder model. */
  public AttentionMap(
      String task,
      AttentionKind kind,
      int layer,
      int head,
      List<String> queryTokens,
      List<String> keyTokens,
      float[][] weights) {
    this(task, kind, layer, head, queryTokens, keyTokens, weights, false);
  }

  /** The head as shown in titles: {@code head 2} or {@code mean of heads}. */
  public String headLabel() {
    return head == MEAN_OF_HEADS ? "mean of heads" : "head " + head;
  }

  /** The full title, e.g. {@code reverse · layer 1 · head 0 · cross-attention}. */
  public String title() {
    String prefix = task == null || task.isBlank() ? "" : task + " · ";
    return prefix + "layer " + layer + " · " + headLabel() + " · " + kind.label();
  }

  /** A short title for one panel of a grid whose figure title already names the rest. */
  public String panelTitle(boolean showLayer, boolean showHead) {
    if (showLayer && showHead) {
      return "layer " + layer + " · " + headLabel();
    }
    return showLayer ? "layer " + layer : headLabel();
  }

  /** The axis title for the query (row) axis. */
  public String queryAxisTitle() {
    if (decoderOnly) {
      return "query position";
    }
    return kind == AttentionKind.ENCODER ? "query (input)" : "query (output)";
  }

  /** The axis title for the key (column) axis. */
  public String keyAxisTitle() {
    if (decoderOnly) {
      return "key position";
    }
    return kind == AttentionKind.DECODER ? "key (output)" : "key (input)";
  }

  /** The same map with another title pieces (used for head means and comparisons). */
  public AttentionMap withTask(String newTask) {
    return new AttentionMap(
        newTask, kind, layer, head, queryTokens, keyTokens, weights, decoderOnly);
  }
}
