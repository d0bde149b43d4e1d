package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the runs page: what a run is and how far it got, from its log, config and last
 * checkpoint. Values the run does not have yet are null (no evaluation, no checkpoint). The name is
 * the run directory's (presets give many runs the same config {@code name}).
 *
 * @param totalFlops training FLOPs so far: {@code flopsPerToken} (as {@code inspect} counts them,
 *     forward and backward) times {@code tokens}
 * @param perplexity {@code exp(lastValLoss)}
 * @param accuracy the last accuracy or exact-match figure of a task run
 */
record RunSummary(
    String id,
    String name,
    String dir,
    String kind,
    String data,
    Long parameters,
    Long tokens,
    Long steps,
    Long targetSteps,
    Double lastValLoss,
    Double bestValLoss,
    Double perplexity,
    Double accuracy,
    Long flopsPerToken,
    Double totalFlops,
    Double tokensPerSec,
    Double wallTime,
    String status,
    int records,
    int badLines,
    String updated) {

  static RunSummary of(RunEntry run, long nowMillis) throws IOException {
    RunLog log = run.log();
    Map<String, Object> config = run.config();
    ModelInfo model = run.model();
    LogTable train = log.last("train"); // the last row is all this needs
    LogTable eval = log.table("eval");
    LogTable start = log.table("start");
    long target = config.get("training.steps") instanceof Number n ? n.longValue() : 0;
    Double lastVal = eval == null ? null : finite(eval.last("val_loss"));
    Double tokens = first(last(train, "tokens"), last(eval, "tokens"));
    Long flopsPerToken = model == null ? null : model.trainingFlopsPerToken();
    String kind = model != null ? model.kind() : string(config.getOrDefault("model.kind", null));
    Object task = config.get("task.name");
    return new RunSummary(
        run.id(),
        run.id(),
        run.dir().toString(),
        task != null ? kind + " · " + task : kind,
        string(config.getOrDefault("data.path", config.get("data.kind"))),
        model != null ? Long.valueOf(model.parameters()) : asLong(last(start, "parameters")),
        asLong(tokens),
        asLong(first(last(train, "step"), last(eval, "step"))),
        target > 0 ? target : null,
        lastVal,
        eval == null ? null : min(eval, "val_loss"),
        lastVal == null ? null : Math.exp(lastVal),
        accuracy(log.table("result"), log.table("accuracy"), eval),
        flopsPerToken,
        flopsPerToken == null || tokens == null ? null : flopsPerToken * tokens,
        last(train, "tokens_per_sec"),
        first(last(train, "elapsed"), last(eval, "elapsed")),
        RunStatus.of(run.dir(), log, target, nowMillis).label(),
        log.records(),
        log.badLines(),
        log.modified() == 0 ? null : Instant.ofEpochMilli(log.modified()).toString());
  }

  /** The first accuracy-like figure of the latest table that has one: result, accuracy, eval. */
  private static Double accuracy(LogTable... tables) {
    for (LogTable t : tables) {
      if (t == null) {
        continue;
      }
      for (String f : t.numberFields()) {
        if (f.contains("acc") || f.contains("exact")) {
          Double v = finite(t.last(f));
          if (v != null) {
            return v;
          }
        }
      }
    }
    return null;
  }

  private static Double last(LogTable table, String field) {
    return table == null ? null : finite(table.last(field));
  }

  private static Double min(LogTable table, String field) {
    double[] column = table.column(field);
    if (column == null) {
      return null;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < table.rows(); i++) {
      if (column[i] < best) {
        best = column[i];
      }
    }
    return finite(best);
  }

  private static Double first(Double a, Double b) {
    return a != null ? a : b;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static Long asLong(Double v) {
    return v == null ? null : Long.valueOf(Math.round(v));
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }
}
