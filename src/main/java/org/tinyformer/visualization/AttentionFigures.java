package org.tinyformer.visualization;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.tinyformer.base.Checks;

/**
 * The attention figures of the project: one head, all heads of a layer in a grid, one head across
 * all layers, and a side-by-side comparison of two inputs or tasks. Each returns an image; write it
 * with {@link Png#write}.
 */
public final class AttentionFigures {
  /** Size of a figure with a single heat map. */
  public static final int SINGLE_WIDTH = 680;

  public static final int SINGLE_HEIGHT = 600;

  /** Size of one panel in a grid. */
  public static final int PANEL_WIDTH = 460;

  public static final int PANEL_HEIGHT = 420;

  private AttentionFigures() {}

  /** One map, full size, with its full title. */
  public static BufferedImage single(AttentionMap map) {
    return AttentionHeatmap.render(map, SINGLE_WIDTH, SINGLE_HEIGHT);
  }

  /** All heads of one layer (maps of one kind and layer, ordered by head) in a grid. */
  public static BufferedImage headsOfLayer(List<AttentionMap> heads) {
    Checks.check(!heads.isEmpty(), "attention figure: expected at least one head, got 0");
    AttentionMap first = heads.get(0);
    for (AttentionMap m : heads) {
      Checks.check(
          m.layer() == first.layer() && m.kind() == first.kind(),
          "attention figure: all heads must share layer and kind: expected layer %d %s, got"
              + " layer %d %s",
          first.layer(),
          first.kind().option(),
          m.layer(),
          m.kind().option());
    }
    String title = taskPrefix(first) + "layer " + first.layer() + " · all heads · " + label(first);
    return grid(heads, title, false, true);
  }

  /** One head (or the mean of heads) across all layers, ordered by layer. */
  public static BufferedImage headAcrossLayers(List<AttentionMap> layers) {
    Checks.check(!layers.isEmpty(), "attention figure: expected at least one layer, got 0");
    AttentionMap first = layers.get(0);
    String title = taskPrefix(first) + first.headLabel() + " · all layers · " + label(first);
    return grid(layers, title, true, false);
  }

  /**
   * Two maps side by side (e.g. copy vs reverse on the same input), each under its own full title.
   */
  public static BufferedImage comparison(AttentionMap left, AttentionMap right) {
    String title = comparisonTitle(left, right);
    List<BufferedImage> panels =
        List.of(
            AttentionHeatmap.render(left, SINGLE_WIDTH, SINGLE_HEIGHT),
            AttentionHeatmap.render(right, SINGLE_WIDTH, SINGLE_HEIGHT));
    return ImageGrid.tile(panels, 2, title);
  }

  /** The figure title of a comparison: {@code copy vs reverse · cross-attention}. */
  static String comparisonTitle(AttentionMap left, AttentionMap right) {
    String kinds =
        left.kind() == right.kind()
            ? left.kind().label()
            : left.kind().label() + " vs " + right.kind().label();
    return nameOf(left) + " vs " + nameOf(right) + " · " + kinds;
  }

  private static String nameOf(AttentionMap m) {
    return m.task() == null || m.task().isBlank() ? "model" : m.task();
  }

  private static BufferedImage grid(
      List<AttentionMap> maps, String title, boolean showLayer, boolean showHead) {
    List<BufferedImage> panels = new ArrayList<>();
    for (AttentionMap m : maps) {
      panels.add(
          AttentionHeatmap.render(m, m.panelTitle(showLayer, showHead), PANEL_WIDTH, PANEL_HEIGHT));
    }
    return ImageGrid.tile(panels, ImageGrid.columnsFor(panels.size()), title);
  }

  private static String taskPrefix(AttentionMap m) {
    return m.task() == null || m.task().isBlank() ? "" : m.task() + " · ";
  }

  private static String label(AttentionMap m) {
    return m.kind().label();
  }
}
