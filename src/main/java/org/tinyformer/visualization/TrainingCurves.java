package org.tinyformer.visualization;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves of a run: loss against steps (train and validation) and, when the log has
 * accuracy fields, accuracy against steps, side by side. Usage: {@code
 * Png.write(TrainingCurves.render(TrainingLog.read(runDir.resolve("log.jsonl")), "copy"), out);}
 */
public final class TrainingCurves {
  public static final int PANEL_WIDTH = 640;
  public static final int PANEL_HEIGHT = 460;

  private TrainingCurves() {}

  /** The loss panel, plus the accuracy panel when there is accuracy data. */
  public static BufferedImage render(TrainingLog log, String runName) {
    List<String> losses = log.lossFields();
    List<String> accuracies = log.accuracyFields();
    if (losses.isEmpty() && accuracies.isEmpty()) {
      throw new IllegalArgumentException(
          "training curves: the log has no loss or accuracy fields; found " + log.fields());
    }
    List<BufferedImage> panels = new ArrayList<>();
    if (!losses.isEmpty()) {
      panels.add(image(chart(log, losses, lossTitle(runName), "loss", false)));
    }
    if (!accuracies.isEmpty()) {
      panels.add(image(chart(log, accuracies, accuracyTitle(runName), "accuracy", true)));
    }
    return ImageGrid.tile(panels, panels.size(), null);
  }

  /** Title of the loss panel, e.g. {@code copy · loss}. */
  static String lossTitle(String runName) {
    return prefix(runName) + "loss";
  }

  /** Title of the accuracy panel, e.g. {@code copy · accuracy}. */
  static String accuracyTitle(String runName) {
    return prefix(runName) + "accuracy";
  }

  /** One line chart of the given fields against steps. */
  static XYChart chart(
      TrainingLog log, List<String> fields, String title, String yTitle, boolean unitRange) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle(yTitle)
            .build();
    var s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleBoxBackgroundColor(Color.WHITE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setXAxisDecimalPattern("#,###");
    if (unitRange) {
      s.setYAxisMin(0.0).setYAxisMax(1.0);
      s.setLegendPosition(Styler.LegendPosition.InsideSE);
    }
    for (String field : fields) {
      List<double[]> pts = log.points(field);
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1];
      }
      XYSeries series = chart.addSeries(field, x, y);
      series.setMarker(pts.size() <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      series.setLineWidth(field.startsWith("val") ? 2.5f : 1.5f);
    }
    return chart;
  }

  private static BufferedImage image(XYChart chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static String prefix(String runName) {
    return runName == null || runName.isBlank() ? "" : runName + " · ";
  }
}
