package org.tinyformer.visualization.dashboard;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard at scale (issue 15, acceptance 3): RUNS runs of LINES log lines each, then the runs
 * page data ({@code /api/runs}) and a compare of 8 runs ({@code /api/compare}) timed over HTTP:
 * cold (every log parsed), warm (cached), and after one line was appended to every log
 * (incremental). A DIR that already holds the runs is reused. Usage: {@code
 * scripts/bench/dashboard-scale.sh [RUNS] [LINES] [DIR]}.
 */
public final class DashboardScale {
  private DashboardScale() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int lines = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("dashboard-scale");
    long t0 = System.nanoTime();
    List<String> ids = write(dir, runs, lines);
    long bytes = 0;
    for (String id : ids) {
      bytes += Files.size(dir.resolve(id).resolve("log.jsonl"));
    }
    System.out.printf(
        Locale.ROOT,
        "wrote %d runs x %,d lines (%.0f MB of log.jsonl) in %.1f s under %s%n",
        runs,
        lines,
        bytes / 1e6,
        seconds(t0),
        dir);
    HttpClient http = HttpClient.newHttpClient();
    try (Dashboard d = Dashboard.start(DashboardOptions.of(dir))) {
      String compare =
          "api/compare?runs=" + String.join(",", ids.subList(0, Math.min(8, ids.size())));
      time(http, d, "runs page, cold (every log parsed)", "api/runs");
      for (int i = 1; i <= 3; i++) {
        time(http, d, "runs page, warm #" + i, "api/runs");
      }
      for (String axis : List.of("step", "tokens", "flops", "time")) {
        time(http, d, "compare of 8 runs, x=" + axis, compare + "&x=" + axis);
      }
      for (String id : ids) {
        Files.writeString(
            dir.resolve(id).resolve("log.jsonl"), trainLine(lines + 1), StandardOpenOption.APPEND);
      }
      time(http, d, "runs page after 1 new line in every log", "api/runs");
      time(http, d, "compare of 8 runs after 1 new line each", compare + "&x=step");
    }
  }

  private static void time(HttpClient http, Dashboard d, String what, String path)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(d.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    double s = seconds(t0);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    System.out.printf(
        Locale.ROOT, "%-45s %8.3f s  (%,d bytes of JSON)%n", what, s, r.body().length());
  }

  private static List<String> write(Path dir, int runs, int lines) throws IOException {
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      String id = String.format(Locale.ROOT, "run-%02d", r);
      Path run = dir.resolve(id);
      ids.add(id);
      if (Files.exists(run.resolve("log.jsonl"))) {
        continue; // DIR of an earlier round: its logs are reused as they are
      }
      Files.createDirectories(run);
      Files.writeString(
          run.resolve("config.yaml"),
          "name: "
              + id
              + "\nmodel:\n  kind: gpt\n  embed_dim: "
              + (64 + r)
              + "\ntraining:\n  steps: "
              + (lines + 1)
              + "\n  learning_rate: 0.001\n");
      try (BufferedWriter w = Files.newBufferedWriter(run.resolve("log.jsonl"))) {
        w.write(
            "{\"type\":\"start\",\"step\":0,\"resumed\":false,\"parameters\":801408,"
                + "\"tokens_per_step\":768,\"time\":\"2026-12-03T12:00:00Z\"}\n");
        for (int step = 1; step < lines; step++) {
          if (step % 1000 == 0) {
            w.write(evalLine(step, r));
          } else {
            w.write(trainLine(step));
          }
        }
      }
    }
    return ids;
  }

  private static String trainLine(int step) {
    return String.format(
        Locale.ROOT,
        "{\"type\":\"train\",\"step\":%d,\"tokens\":%d,\"lr\":%.6g,\"loss\":%.6g,\"grad_norm\":%.6g,"
            + "\"tokens_per_sec\":%.1f,\"elapsed\":%.3f}%n",
        step,
        step * 768L,
        1e-3 * Math.cos(step * 1e-5),
        4.0 / Math.sqrt(step) + 1.5,
        1.0 + 0.1 * Math.sin(step),
        31000.0 + step % 97,
        step * 0.025);
  }

  private static String evalLine(int step, int run) {
    double val = 4.0 / Math.sqrt(step) + 1.6 + run * 1e-3;
    return String.format(
        Locale.ROOT,
        "{\"type\":\"eval\",\"step\":%d,\"tokens\":%d,\"elapsed\":%.3f,\"train_loss\":%.6g,"
            + "\"train_perplexity\":%.6g,\"val_loss\":%.6g,\"val_perplexity\":%.6g,\"best\":true}%n",
        step,
        step * 768L,
        step * 0.025,
        val - 0.1,
        Math.exp(val - 0.1),
        val,
        Math.exp(val));
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
