package org.tinyformer.visualization;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * Draws one {@link AttentionMap} as an XChart heat map: key tokens along the x axis, query tokens
 * down the y axis (first query at the top, as in a matrix), a colour bar from 0 to 1, and the map's
 * title. Usage: {@code BufferedImage img = AttentionHeatmap.render(map, title, 640, 560);}
 */
public final class AttentionHeatmap {
  /** A perceptually ordered palette (viridis stops): dark for 0, yellow for 1. */
  static final Color[] PALETTE = {
    new Color(68, 1, 84),
    new Color(59, 82, 139),
    new Color(33, 145, 140),
    new Color(94, 201, 98),
    new Color(253, 231, 37)
  };

  private AttentionHeatmap() {}

  /** The chart for {@code map} with the given title, ready to render or save. */
  public static HeatMapChart chart(AttentionMap map, String title, int width, int height) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(map.keyAxisTitle())
            .yAxisTitle(map.queryAxisTitle())
            .build();
    style(chart.getStyler(), map, width);
    int rows = map.queryTokens().size();
    int cols = map.keyTokens().size();
    // XChart puts y index 0 at the bottom; flip so that query 0 is the top row.
    List<String> yLabels = new ArrayList<>(map.queryTokens());
    java.util.Collections.reverse(yLabels);
    List<Number[]> cells = new ArrayList<>(rows * cols);
    for (int q = 0; q < rows; q++) {
      for (int k = 0; k < cols; k++) {
        cells.add(new Number[] {k, rows - 1 - q, clamp(map.weights()[q][k])});
      }
    }
    chart.addSeries("attention", map.keyTokens(), yLabels, cells);
    chart.getHeatMapSeries().setMin(0).setMax(1);
    return chart;
  }

  /** The chart rendered into an image, values in black on light cells and white on dark ones. */
  public static BufferedImage render(AttentionMap map, String title, int width, int height) {
    return ReadableValues.render(chart(map, title, width, height));
  }

  /** The chart with the map's own full title, rendered into an image. */
  public static BufferedImage render(AttentionMap map, int width, int height) {
    return render(map, map.title(), width, height);
  }

  private static void style(HeatMapStyler s, AttentionMap map, int width) {
    int cells = Math.max(map.keyTokens().size(), map.queryTokens().size());
    int tickSize = cells > 24 ? 9 : cells > 14 ? 11 : 13;
    s.setRangeColors(PALETTE);
    s.setMin(0).setMax(1);
    s.setShowValue(cells <= 12 && width >= 560);
    s.setHeatMapValueDecimalPattern("0.00");
    s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setValueFontColor(Color.WHITE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesVisible(false);
    s.setLegendVisible(true);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(Color.WHITE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, width >= 560 ? 15 : 13));
    s.setChartTitleBoxBackgroundColor(Color.WHITE);
    s.setChartTitleBoxBorderColor(Color.WHITE);
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsFont(new Font(Font.MONOSPACED, Font.BOLD, tickSize));
    s.setXAxisLabelRotation(cells > 10 ? 90 : 0);
    s.setGradientColorColumnHeight(Math.max(60, (int) (width * 0.45)));
  }

  private static float clamp(float w) {
    return Float.isFinite(w) ? Math.max(0f, Math.min(1f, w)) : 0f;
  }
}
