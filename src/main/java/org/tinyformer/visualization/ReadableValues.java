package org.tinyformer.visualization;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;

/**
 * Heat-map values written in black on light cells and in white on dark ones. XChart draws every
 * value in one colour, which is unreadable on one end of the palette (white on viridis yellow), so
 * the chart is drawn three times, without values, with white values and with black values, and each
 * pixel of text is taken from the drawing whose text contrasts more with the cell beneath it
 * (relative luminance, as WCAG defines it). Usage: {@code ReadableValues.render(chart)}.
 */
final class ReadableValues {
  /** Above this luminance black text contrasts more than white: (L + 0.05)^2 = 0.05 * 1.05. */
  static final double BLACK_TEXT_ABOVE = Math.sqrt(0.05 * 1.05) - 0.05;

  private ReadableValues() {}

  /** The chart as an image; when it shows values, each in the more readable of black and white. */
  static BufferedImage render(HeatMapChart chart) {
    var styler = chart.getStyler();
    if (!styler.isShowValue()) {
      return BitmapEncoder.getBufferedImage(chart);
    }
    styler.setShowValue(false);
    BufferedImage cells = BitmapEncoder.getBufferedImage(chart);
    styler.setShowValue(true);
    styler.setValueFontColor(Color.WHITE);
    BufferedImage white = BitmapEncoder.getBufferedImage(chart);
    styler.setValueFontColor(Color.BLACK);
    BufferedImage black = BitmapEncoder.getBufferedImage(chart);
    for (int y = 0; y < cells.getHeight(); y++) {
      for (int x = 0; x < cells.getWidth(); x++) {
        int beneath = cells.getRGB(x, y);
        boolean text = white.getRGB(x, y) != beneath || black.getRGB(x, y) != beneath;
        if (text) {
          BufferedImage pick = luminance(beneath) > BLACK_TEXT_ABOVE ? black : white;
          cells.setRGB(x, y, pick.getRGB(x, y));
        }
      }
    }
    return cells;
  }

  /** Relative luminance of an sRGB colour, 0 (black) to 1 (white). */
  static double luminance(int rgb) {
    return 0.2126 * linear((rgb >> 16) & 0xFF)
        + 0.7152 * linear((rgb >> 8) & 0xFF)
        + 0.0722 * linear(rgb & 0xFF);
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
