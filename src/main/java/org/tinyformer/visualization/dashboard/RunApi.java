package org.tinyformer.visualization.dashboard;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON documents of the API (see {@code docs/dashboard.md}), built from the run cache. */
final class RunApi {
  /** The most records one {@code /log} request returns. */
  static final int MAX_LOG_RECORDS = 10_000;

  private RunApi() {}

  /**
   * Every run, listed again and with its log's new lines read (the logs in parallel: a first read
   * parses them whole).
   */
  static List<RunSummary> summaries(RunCatalog catalog) throws IOException {
    long now = System.currentTimeMillis();
    List<RunEntry> runs = catalog.scan();
    refreshAll(runs);
    List<RunSummary> out = new ArrayList<>();
    for (RunEntry run : runs) {
      out.add(RunSummary.of(run, now));
    }
    return out;
  }

  /** Reads the new lines of every run's log, several runs at a time. */
  static void refreshAll(List<RunEntry> runs) throws IOException {
    try {
      runs.parallelStream()
          .forEach(
              run -> {
                try {
                  run.refresh();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static Map<String, Object> run(RunEntry run) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("summary", RunSummary.of(run, System.currentTimeMillis()));
    out.put("types", run.log().types());
    ModelInfo model = run.model();
    out.put("model", model == null ? null : model.config());
    return out;
  }

  static Map<String, Object> log(RunEntry run, Context ctx) {
    int since = Params.integer("since", ctx.queryParam("since"), 0);
    int limit = Params.integer("limit", ctx.queryParam("limit"), 1000);
    if (since < 0) {
      throw new IllegalArgumentException("log: since must be >= 0, got " + since);
    }
    if (limit < 1 || limit > MAX_LOG_RECORDS) {
      throw new IllegalArgumentException(
          "log: limit must be between 1 and " + MAX_LOG_RECORDS + ", got " + limit);
    }
    List<Map<String, Object>> records = run.log().recordsSince(since, limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("since", since);
    out.put("next", since + records.size());
    out.put("total", run.log().records());
    out.put("records", records);
    return out;
  }

  static Map<String, Object> config(RunEntry run) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("yaml", run.configYaml());
    out.put("values", run.config());
    ModelInfo model = run.model();
    out.put("modules", model == null ? Map.of() : model.modules());
    out.put("parameters", model == null ? null : model.parameters());
    return out;
  }

  static Map<String, Object> series(RunEntry run, Context ctx) {
    String axis = ctx.queryParamAsClass("x", String.class).getOrDefault("step");
    int points = points(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", run.id());
    out.put("x", axis);
    out.put("series", run.series(axis, points));
    return out;
  }

  /**
   * Up to {@link Dashboard#MAX_COMPARE} runs in one document: summaries, series on the chosen axis,
   * configs and parameter counts by module.
   */
  static Map<String, Object> compare(RunCatalog catalog, Context ctx) throws IOException {
    String ids = ctx.queryParam("runs");
    if (ids == null || ids.isBlank()) {
      throw new IllegalArgumentException("compare: give runs=a,b,... (run ids from /api/runs)");
    }
    List<String> wanted = List.of(ids.split(","));
    if (wanted.size() > Dashboard.MAX_COMPARE) {
      throw new IllegalArgumentException(
          "compare: at most " + Dashboard.MAX_COMPARE + " runs, got " + wanted.size());
    }
    List<RunEntry> runs = new ArrayList<>();
    for (String id : wanted) {
      RunEntry run =
          catalog
              .get(id.trim())
              .orElseThrow(
                  () ->
                      new Dashboard.UnknownRunException("unknown run: " + id + " (see /api/runs)"));
      run.refresh();
      runs.add(run);
    }
    return compare(
        runs, ctx.queryParamAsClass("x", String.class).getOrDefault("step"), points(ctx));
  }

  static Map<String, Object> compare(List<RunEntry> runs, String axis, int points)
      throws IOException {
    long now = System.currentTimeMillis();
    List<Object> summaries = new ArrayList<>();
    Map<String, Object> series = new LinkedHashMap<>();
    Map<String, Object> configs = new LinkedHashMap<>();
    runs.parallelStream().forEach(run -> run.series(axis, points)); // parse and cache, 2 at a time
    for (RunEntry run : runs) {
      summaries.add(RunSummary.of(run, now));
      series.put(run.id(), run.series(axis, points));
      configs.put(run.id(), config(run));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("x", axis);
    out.put("runs", summaries);
    out.put("series", series);
    out.put("configs", configs);
    return out;
  }

  private static int points(Context ctx) {
    int points = Params.integer("points", ctx.queryParam("points"), RunSeries.DEFAULT_POINTS);
    if (points < 2 || points > RunSeries.MAX_POINTS) {
      throw new IllegalArgumentException(
          "series: points must be between 2 and " + RunSeries.MAX_POINTS + ", got " + points);
    }
    return points;
  }
}
