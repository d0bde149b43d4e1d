package org.tinyformer.visualization.dashboard;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The front end, served from the jar by a fixed list of names (a request path never reaches the
 * filesystem or any other resource): the three pages, one script each plus a shared one, the
 * styles, and uPlot from its webjar.
 */
final class Pages {
  /** The pages, each served at {@code /NAME}. */
  static final List<String> PAGES = List.of("index.html", "compare.html", "run.html");

  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  /** Served name to classpath resource. */
  static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry("index.html", "/dashboard/index.html"),
          Map.entry("compare.html", "/dashboard/compare.html"),
          Map.entry("run.html", "/dashboard/run.html"),
          Map.entry("style.css", "/dashboard/style.css"),
          Map.entry("common.js", "/dashboard/common.js"),
          Map.entry("runs.js", "/dashboard/runs.js"),
          Map.entry("compare.js", "/dashboard/compare.js"),
          Map.entry("run.js", "/dashboard/run.js"),
          Map.entry("uPlot.min.js", UPLOT + "uPlot.iife.min.js"),
          Map.entry("uPlot.min.css", UPLOT + "uPlot.min.css"));

  private Pages() {}

  static void serve(Context ctx, String name) {
    String resource = FILES.get(name);
    if (resource == null) {
      ctx.status(404);
      ctx.contentType("application/json")
          .result(Json.write(Map.of("error", "not found: " + ctx.path())));
      return;
    }
    ctx.contentType(contentType(name)).result(text(name));
  }

  /** A served file's text (also used to inline everything into an exported report). */
  static String text(String name) {
    String resource = FILES.get(name);
    try (InputStream in = Pages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "dashboard: resource " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html;charset=utf-8";
    }
    return name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8";
  }
}
