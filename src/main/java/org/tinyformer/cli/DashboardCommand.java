package org.tinyformer.cli;

import java.awt.Desktop;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tinyformer.visualization.dashboard.Dashboard;
import org.tinyformer.visualization.dashboard.DashboardOptions;
import org.tinyformer.visualization.dashboard.ReportExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer dashboard [--runs DIR]... [--port 8080] [--host 127.0.0.1] [--open]}: serves
 * the run dashboard until interrupted; {@code --export report.html --run A --run B} writes the
 * comparison as one self-contained HTML file instead.
 */
@Command(
    name = "dashboard",
    description =
        "Serve the run dashboard (runs table, compare, live curves, attention, sampling), or"
            + " --export a comparison as one offline HTML file.")
final class DashboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--runs",
      paramLabel = "DIR",
      description = "A directory of runs (repeatable; default runs/).")
  List<Path> runs = new ArrayList<>();

  @Option(names = "--port", description = "Port to listen on (default 8080; 0 picks a free one).")
  int port = DashboardOptions.DEFAULT_PORT;

  @Option(names = "--host", description = "Address to bind (default 127.0.0.1: this machine only).")
  String host = DashboardOptions.DEFAULT_HOST;

  @Option(names = "--open", description = "Open the dashboard in the default browser.")
  boolean open;

  @Option(
      names = "--export",
      paramLabel = "FILE",
      description = "Write the comparison of the --run runs to one self-contained HTML file.")
  Path export;

  @Option(names = "--run", paramLabel = "NAME", description = "A run to export (repeatable).")
  List<String> exportRuns = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> roots = runs.isEmpty() ? List.of(Path.of("runs")) : runs;
    if (export != null) {
      ReportExport.write(roots, exportRuns, export);
      out.printf("wrote %s (%d runs; opens offline in any browser)%n", export, exportRuns.size());
      return 0;
    }
    if (!exportRuns.isEmpty()) {
      throw new IllegalArgumentException("dashboard: --run goes with --export FILE");
    }
    DashboardOptions options = new DashboardOptions(roots, host, port);
    String warning = hostWarning(options);
    if (warning != null) {
      spec.commandLine().getErr().println(warning);
      spec.commandLine().getErr().flush();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Dashboard dashboard = Dashboard.start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf("dashboard of %s at %s (Ctrl-C stops it)%n", roots, dashboard.url());
      out.flush();
      if (open) {
        openBrowser(dashboard.url(), out);
      }
      stopped.await();
    }
    return 0;
  }

  /** The warning printed when the dashboard is reachable from other machines, else null. */
  static String hostWarning(DashboardOptions options) {
    if (options.isLoopback()) {
      return null;
    }
    return "warning: --host "
        + options.host()
        + " is not a loopback address: anyone who can reach this machine can read these runs"
        + " and use its CPU for sampling";
  }

  private static void openBrowser(String url, PrintWriter out) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
        return;
      }
      new ProcessBuilder("xdg-open", url).inheritIO().start();
    } catch (Exception e) {
      out.println("could not open a browser (" + e.getMessage() + "); open " + url + " yourself");
    }
  }
}
