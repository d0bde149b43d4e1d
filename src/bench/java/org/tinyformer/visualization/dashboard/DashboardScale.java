package org.tinyformer.visualization.dashboard;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fixture of the dashboard-at-scale benchmark (issue 15, acceptance 3): writes RUNS runs of
 * LINES log lines each under DIR (a DIR that already holds them is reused) and prints the run ids,
 * one a line. {@code scripts/bench/dashboard-scale.sh [RUNS] [LINES] [DIR]} then starts {@code
 * tinyformer dashboard} on DIR as a user does and times the runs page data and a compare of 8 runs
 * with curl; {@code append DIR STEP} adds one train line to every log (the incremental case).
 */
public final class DashboardScale {
  private DashboardScale() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("append")) {
      append(Path.of(args[1]), Integer.parseInt(args[2]));
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int lines = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("dashboard-scale");
    long t0 = System.nanoTime();
    List<String> ids = write(dir, runs, lines);
    long bytes = 0;
    for (String id : ids) {
      bytes += Files.size(dir.resolve(id).resolve("log.jsonl"));
    }
    System.err.printf(
        Locale.ROOT,
        "wrote %d runs x %,d lines (%.0f MB of log.jsonl) in %.1f s under %s%n",
        runs,
        lines,
        bytes / 1e6,
        (System.nanoTime() - t0) / 1e9,
        dir);
    ids.forEach(System.out::println);
  }

  /** One more train line at the end of every run's log under {@code dir}. */
  private static void append(Path dir, int step) throws IOException {
    try (var children = Files.list(dir)) {
      for (Path run : children.sorted().toList()) {
        Path log = run.resolve("log.jsonl");
        if (Files.isRegularFile(log)) {
          Files.writeString(log, trainLine(step), StandardOpenOption.APPEND);
        }
      }
    }
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
}
