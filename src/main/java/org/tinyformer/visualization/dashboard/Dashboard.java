package org.tinyformer.visualization.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local run dashboard: an HTTP server (Javalin) with a read-only JSON API over run directories
 * and the pages that draw it (runs, compare, inside a run), served from the jar. The API is in
 * {@code docs/dashboard.md}.
 *
 * <p>{@code try (Dashboard d = Dashboard.start(DashboardOptions.of(Path.of("runs")))) { ... }}
 */
public final class Dashboard implements AutoCloseable {
  /** The most runs a comparison takes. */
  static final int MAX_COMPARE = 8;

  private final Javalin app;
  private final RunCatalog catalog;
  private final LiveFeed feed;
  private final LoadedModels models = new LoadedModels();
  private final String host;

  private Dashboard(DashboardOptions options) {
    this.catalog = new RunCatalog(options.runs());
    startWarmUp(catalog); // reads the runs while the HTTP server below starts
    this.feed = new LiveFeed(catalog);
    this.host = options.host();
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = options.host();
              config.jetty.port = options.port();
              routes(config.routes);
            });
  }

  /** Starts serving; {@link #url()} tells where. */
  public static Dashboard start(DashboardOptions options) {
    Dashboard d = new Dashboard(options);
    d.app.start();
    return d;
  }

  /**
   * Builds the runs page once in a background thread, started before the HTTP server: every log,
   * config and last checkpoint is read (cached by {@link RunEntry}) and the JSON written once while
   * the server starts, so the first page finds the runs read and this code already loaded. A
   * request meanwhile waits only for the run it needs (each run's reads are synchronized).
   */
  private static void startWarmUp(RunCatalog catalog) {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                Json.write(Map.of("runs", RunApi.summaries(catalog)));
              } catch (IOException | RuntimeException e) {
                // the first request reads again and reports what fails
              }
            },
            "dashboard-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + app.port() + "/";
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    feed.close();
    app.stop();
  }

  private void routes(io.javalin.config.RoutesConfig r) {
    for (String page : Pages.PAGES) {
      r.get("/" + page, ctx -> Pages.serve(ctx, page));
    }
    r.get("/", ctx -> Pages.serve(ctx, "index.html"));
    r.get("/static/{file}", ctx -> Pages.serve(ctx, ctx.pathParam("file")));
    r.get("/api/runs", ctx -> json(ctx, Map.of("runs", RunApi.summaries(catalog))));
    r.get("/api/runs/{id}", ctx -> json(ctx, RunApi.run(run(ctx))));
    r.get("/api/runs/{id}/log", ctx -> json(ctx, RunApi.log(run(ctx), ctx)));
    r.get("/api/runs/{id}/config", ctx -> json(ctx, RunApi.config(run(ctx))));
    r.get("/api/runs/{id}/series", ctx -> json(ctx, RunApi.series(run(ctx), ctx)));
    r.get("/api/compare", ctx -> json(ctx, RunApi.compare(catalog, ctx)));
    r.get("/api/runs/{id}/attention", ctx -> json(ctx, attention(ctx)));
    r.get("/api/runs/{id}/token-loss", ctx -> json(ctx, tokenLoss(ctx)));
    r.get("/api/runs/{id}/sample", this::sample);
    r.sse("/api/events", feed::add);
    r.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    r.exception(UnknownRunException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    r.exception(LoadedModels.BusyException.class, (e, ctx) -> error(ctx, 429, e.getMessage()));
    r.exception(
        IOException.class,
        (e, ctx) -> error(ctx, 500, "reading the run failed: " + e.getMessage()));
    r.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            error(ctx, 404, "not found: " + ctx.path());
          }
        });
  }

  private RunEntry run(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    RunEntry entry =
        catalog
            .get(id)
            .orElseThrow(() -> new UnknownRunException("unknown run: " + id + " (see /api/runs)"));
    entry.refresh();
    return entry;
  }

  private Map<String, Object> attention(Context ctx) throws IOException {
    RunEntry run = run(ctx);
    String prompt = ctx.queryParam("prompt");
    String kind = ctx.queryParamAsClass("kind", String.class).getOrDefault("");
    int layer = Params.integer("layer", ctx.queryParam("layer"), 0);
    return models.use(
        run,
        10_000,
        "attention: run " + run.id() + " is busy; try again",
        loaded -> InsideRun.attention(loaded, run.id(), prompt, kind, layer));
  }

  private Map<String, Object> tokenLoss(Context ctx) throws IOException {
    RunEntry run = run(ctx);
    String text = ctx.queryParam("text");
    return models.use(
        run,
        10_000,
        "token loss: run " + run.id() + " is busy; try again",
        loaded -> {
          String passage =
              text == null || text.isEmpty()
                  ? InsideRun.validationPassage(run, loaded.model().contextLength())
                  : text;
          Map<String, Object> out = new LinkedHashMap<>(InsideRun.tokenLoss(loaded, passage));
          out.put("source", text == null || text.isEmpty() ? "validation" : "typed");
          return out;
        });
  }

  private void sample(Context ctx) throws IOException {
    RunEntry run = run(ctx);
    SampleRequest request =
        SampleRequest.parse(
            ctx.queryParam("prompt"),
            ctx.queryParam("max_tokens"),
            ctx.queryParam("temperature"),
            ctx.queryParam("top_k"),
            ctx.queryParam("top_p"),
            ctx.queryParam("seed"));
    models.use(
        run,
        0,
        "sample: run "
            + run.id()
            + " is already generating a sample; wait for it to finish (one at a time per run)",
        loaded -> {
          ctx.res().setContentType("text/event-stream;charset=utf-8");
          ctx.res().setHeader("Cache-Control", "no-cache");
          OutputStream out = ctx.res().getOutputStream();
          RunSampling.run(
              loaded,
              request,
              (event, data) -> {
                String frame = "event: " + event + "\ndata: " + Json.write(data) + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
              });
          return null;
        });
  }

  private static void json(Context ctx, Object value) {
    ctx.contentType("application/json;charset=utf-8").result(Json.write(value));
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status);
    json(ctx, Map.of("error", message));
  }

  /** A run id that is not in the server's listing (HTTP 404). */
  static final class UnknownRunException extends RuntimeException {
    UnknownRunException(String message) {
      super(message);
    }
  }
}
