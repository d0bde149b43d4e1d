package org.tinyformer.visualization;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves of a run, one panel per kind of field the log has: loss, accuracy (0 to 1),
 * perplexity (log scale when it spans more than 10x), learning rate and throughput, against steps,
 * two panels to a row. A field logged once (a final result such as {@code length_gen_exact}) is
 * drawn as a marker, every other as a line. Legends sit below the plots, so they never hide a
 * point, and the series colours are the ten distinct Tableau colours. Usage: {@code
 * Png.write(TrainingCurves.render(TrainingLog.read(runDir.resolve("log.jsonl")), "copy"), out);}
 */
public final class TrainingCurves {
  public static final int PANEL_WIDTH = 640;
  public static final int PANEL_HEIGHT = 460;
  private static final int COLUMNS = 2;
  private static final int MARKERS_UP_TO = 40;
  private static final int HORIZONTAL_LEGEND_UP_TO = 3;

  /** A log scale only pays when the values span more than this factor; else it has two ticks. */
  private static final double LOG_SCALE_FROM_RATIO = 10;

  /** Tableau 10: ten colours chosen to stay apart (blue, orange, green, red, purple, ...). */
  static final Color[] SERIES_COLORS = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127),
    new Color(188, 189, 34),
    new Color(23, 190, 207)
  };

  /** One panel: its y title and scale, and which log fields it draws. */
  private record Panel(String name, String yTitle, Scale scale, Predicate<String> takes) {}

  private enum Scale {
    LINEAR,
    UNIT,
    LOG
  }

  private static final List<Panel> PANELS =
      List.of(
          new Panel("loss", "loss", Scale.LINEAR, f -> f.contains("loss")),
          new Panel(
              "accuracy", "accuracy", Scale.UNIT, f -> f.contains("acc") || f.contains("exact")),
          new Panel("perplexity", "perplexity", Scale.LOG, f -> f.contains("perplexity")),
          new Panel("learning rate", "learning rate", Scale.LINEAR, f -> f.equals("lr")),
          new Panel(
              "throughput", "tokens per second", Scale.LINEAR, f -> f.equals("tokens_per_sec")));

  private TrainingCurves() {}

  /** A panel for each kind of field the log has, two to a row. */
  public static BufferedImage render(TrainingLog log, String runName) {
    if (log.lossFields().isEmpty() && log.accuracyFields().isEmpty()) {
      throw new IllegalArgumentException(
          "training curves: the log has no loss or accuracy fields; found " + log.fields());
    }
    List<BufferedImage> panels = new ArrayList<>();
    for (Panel panel : PANELS) {
      List<String> fields =
          log.fields().stream().filter(f -> panel.takes().test(f.toLowerCase())).toList();
      if (!fields.isEmpty()) {
        panels.add(image(chart(log, fields, prefix(runName) + panel.name(), panel)));
      }
    }
    return ImageGrid.tile(panels, COLUMNS, null);
  }

  /** Title of the loss panel, e.g. {@code copy · loss}. */
  static String lossTitle(String runName) {
    return prefix(runName) + "loss";
  }

  /** Title of the accuracy panel, e.g. {@code copy · accuracy}. */
  static String accuracyTitle(String runName) {
    return prefix(runName) + "accuracy";
  }

  /** One chart of the given fields against steps. */
  private static XYChart chart(TrainingLog log, List<String> fields, String title, Panel panel) {
    boolean logScale = panel.scale() == Scale.LOG && ratio(log, fields) > LOG_SCALE_FROM_RATIO;
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle(panel.yTitle() + (logScale ? " (log scale)" : ""))
            .build();
    var s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleBoxBackgroundColor(Color.WHITE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(
        fields.size() <= HORIZONTAL_LEGEND_UP_TO
            ? Styler.LegendLayout.Horizontal
            : Styler.LegendLayout.Vertical);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setSeriesColors(SERIES_COLORS);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setXAxisDecimalPattern("#,###");
    if (panel.scale() == Scale.UNIT) {
      s.setYAxisMin(0.0).setYAxisMax(1.0);
    }
    s.setYAxisLogarithmic(logScale);
    for (String field : fields) {
      List<double[]> pts = log.points(field);
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1];
      }
      XYSeries series = chart.addSeries(field, x, y);
      series.setMarker(pts.size() <= MARKERS_UP_TO ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      series.setLineWidth(field.startsWith("val") ? 2.5f : 1.5f);
      if (pts.size() == 1) {
        series.setLineStyle(SeriesLines.NONE); // a final result: a marker, no line to draw
      }
    }
    return chart;
  }

  /** Largest over smallest value of the fields (infinite when a value is not positive). */
  private static double ratio(TrainingLog log, List<String> fields) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (String field : fields) {
      for (double[] p : log.points(field)) {
        min = Math.min(min, p[1]);
        max = Math.max(max, p[1]);
      }
    }
    return min > 0 ? max / min : Double.POSITIVE_INFINITY;
  }

  private static BufferedImage image(XYChart chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static String prefix(String runName) {
    return runName == null || runName.isBlank() ? "" : runName + " · ";
  }
}
