package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.WriteErrors;

/**
 * {@code tinyformer dashboard --export report.html --run A --run B}: the compare page as one
 * self-contained file. The data the page would fetch ({@code /api/compare} on every x axis) is
 * inlined as JSON, and so are uPlot, the scripts and the styles, so the file opens from {@code
 * file://} with no network and no server.
 */
public final class ReportExport {
  private ReportExport() {}

  /**
   * Writes the report of {@code runIds} (ids as the dashboard lists them: run directory names)
   * found under {@code roots} into {@code out}.
   */
  public static void write(List<Path> roots, List<String> runIds, Path out) throws IOException {
    if (runIds.isEmpty()) {
      throw new IllegalArgumentException("export: name the runs to export with --run NAME");
    }
    if (runIds.size() > Dashboard.MAX_COMPARE) {
      throw new IllegalArgumentException(
          "export: at most " + Dashboard.MAX_COMPARE + " runs, got " + runIds.size());
    }
    RunCatalog catalog = new RunCatalog(roots);
    List<RunEntry> available = catalog.scan();
    List<RunEntry> runs = new ArrayList<>();
    for (String id : runIds) {
      RunEntry run =
          catalog
              .get(id)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "export: no run named "
                              + id
                              + " under "
                              + roots
                              + " (runs there: "
                              + String.join(", ", available.stream().map(RunEntry::id).toList())
                              + ")"));
      run.refresh();
      runs.add(run);
    }
    Map<String, Object> byAxis = new LinkedHashMap<>();
    for (String axis : RunSeries.AXES) {
      byAxis.put(axis, RunApi.compare(runs, axis, RunSeries.DEFAULT_POINTS));
    }
    String page = html(byAxis);
    WriteErrors.writing(out, () -> Files.writeString(out, page)); // a full disk names the page
  }

  static String html(Map<String, Object> byAxis) {
    String page = Pages.text("compare.html");
    String data = "window.TF_REPORT = " + Json.write(byAxis).replace("</", "<\\/") + ";";
    page =
        inline(
            page,
            "<link rel=\"stylesheet\" href=\"static/uPlot.min.css\">",
            style("uPlot.min.css"));
    page = inline(page, "<link rel=\"stylesheet\" href=\"static/style.css\">", style("style.css"));
    page = inline(page, "<script src=\"static/uPlot.min.js\"></script>", script("uPlot.min.js"));
    page =
        inline(
            page,
            "<script src=\"static/common.js\"></script>",
            "<script>" + data + "</script>\n" + script("common.js"));
    page = inline(page, "<script src=\"static/compare.js\"></script>", script("compare.js"));
    return page;
  }

  private static String inline(String page, String tag, String replacement) {
    if (!page.contains(tag)) {
      throw new IllegalStateException("export: compare.html lacks " + tag);
    }
    return page.replace(tag, replacement);
  }

  private static String style(String name) {
    return "<style>\n" + Pages.text(name) + "\n</style>";
  }

  private static String script(String name) {
    return "<script>\n" + Pages.text(name).replace("</script", "<\\/script") + "\n</script>";
  }
}
