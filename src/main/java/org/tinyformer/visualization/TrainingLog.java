package org.tinyformer.visualization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric series of a run's {@code log.jsonl}: every numeric field of the JSON objects that
 * carry a {@code step}, as (step, value) points keyed by field name (e.g. {@code loss}, {@code
 * val_loss}, {@code val_exact}). Lines without a step or that are not objects are skipped.
 */
public final class TrainingLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<double[]>> series;

  /** A log from already parsed series (field name to (step, value) points). */
  public TrainingLog(Map<String, List<double[]>> series) {
    this.series = new LinkedHashMap<>(series);
  }

  /** Reads {@code log.jsonl}; a line that is not valid JSON is reported with its number. */
  public static TrainingLog read(Path logFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(logFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "training log: line " + (i + 1) + " of " + logFile + " is not JSON: " + line);
      }
      addPoints(series, node);
    }
    return new TrainingLog(series);
  }

  private static void addPoints(Map<String, List<double[]>> series, JsonNode node) {
    if (node == null || !node.isObject() || !node.path("step").isNumber()) {
      return;
    }
    double step = node.get("step").asDouble();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("step") && e.getValue().isNumber()) {
        double v = e.getValue().asDouble();
        if (Double.isFinite(v)) {
          series.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {step, v});
        }
      }
    }
  }

  /** All field names with at least one point, in first-seen order. */
  public List<String> fields() {
    return List.copyOf(series.keySet());
  }

  /** The (step, value) points of one field (empty when absent). */
  public List<double[]> points(String field) {
    return series.getOrDefault(field, List.of());
  }

  /** Fields that are losses ({@code loss}, {@code val_loss}, ...). */
  public List<String> lossFields() {
    return fields().stream().filter(f -> f.toLowerCase().contains("loss")).toList();
  }

  /** Fields that are accuracies ({@code accuracy}, {@code val_exact}, {@code token_acc}, ...). */
  public List<String> accuracyFields() {
    return fields().stream()
        .filter(
            f -> {
              String l = f.toLowerCase();
              return l.contains("acc") || l.contains("exact");
            })
        .toList();
  }
}
