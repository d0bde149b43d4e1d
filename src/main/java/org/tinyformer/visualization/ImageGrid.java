package org.tinyformer.visualization;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.tinyformer.base.Checks;

/**
 * Tiles equally sized chart images into one image, row by row, under an optional figure title.
 * XChart has no subplots, so grids of heads, layers or tasks are composed here.
 */
public final class ImageGrid {
  static final int TITLE_HEIGHT = 44;

  private ImageGrid() {}

  /** The panels in a grid of {@code columns} columns; a blank or null title leaves no band. */
  public static BufferedImage tile(List<BufferedImage> panels, int columns, String title) {
    Checks.check(!panels.isEmpty(), "image grid: expected at least one panel, got 0");
    Checks.check(columns > 0, "image grid: columns must be positive, got %d", columns);
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int cellW = panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
    int cellH = panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
    int top = title == null || title.isBlank() ? 0 : TITLE_HEIGHT;
    BufferedImage out =
        new BufferedImage(cols * cellW, top + rows * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      if (top > 0) {
        drawTitle(g, title, out.getWidth());
      }
      for (int i = 0; i < panels.size(); i++) {
        g.drawImage(panels.get(i), (i % cols) * cellW, top + (i / cols) * cellH, null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Columns for {@code n} panels: at most four per row, rows filled evenly (8 -> 4, 6 -> 3). */
  public static int columnsFor(int n) {
    Checks.check(n > 0, "image grid: panel count must be positive, got %d", n);
    int rows = (n + 3) / 4;
    return (n + rows - 1) / rows;
  }

  private static void drawTitle(Graphics2D g, String title, int width) {
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    FontMetrics fm = g.getFontMetrics();
    int x = Math.max(8, (width - fm.stringWidth(title)) / 2);
    g.drawString(title, x, (TITLE_HEIGHT + fm.getAscent() - fm.getDescent()) / 2);
  }
}
