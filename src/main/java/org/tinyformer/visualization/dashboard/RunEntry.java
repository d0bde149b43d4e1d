package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tinyformer.io.AtomicDirectory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * One run the dashboard serves: its id (from the server's own listing), its directory, and what was
 * read from it, cached by file size and modification time: the log ({@link RunLog}), the resolved
 * config ({@code config.yaml}, flattened to {@code training.steps}-style keys) and the model of the
 * last checkpoint ({@link ModelInfo}). Files are reached only by fixed names inside the run
 * directory, and only when their real path stays inside the runs root.
 */
final class RunEntry {
  private final String id;
  private final Path dir; // real path
  private final Path root; // real path of the runs directory it was listed from
  private final RunLog log;
  private long configStamp = -1;
  private String configYaml = "";
  private Map<String, Object> config = Map.of();
  private long modelStamp = -1;
  private ModelInfo model;
  private final Map<String, Map<String, Map<String, Object>>> series = new HashMap<>();

  RunEntry(String id, Path dir, Path root) {
    this.id = id;
    this.dir = dir;
    this.root = root;
    this.log = new RunLog(dir.resolve("log.jsonl"));
  }

  String id() {
    return id;
  }

  Path dir() {
    return dir;
  }

  RunLog log() {
    return log;
  }

  /**
   * A file of the run by its fixed relative name, if it exists and does not lead (through a
   * symlink) out of the runs directory.
   */
  Optional<Path> file(String relative) throws IOException {
    Path p = dir.resolve(relative);
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    Path real = p.toRealPath();
    return real.startsWith(root) ? Optional.of(real) : Optional.empty();
  }

  /** Re-reads the log's new lines; true when it changed. */
  boolean refresh() throws IOException {
    Optional<Path> logFile = file("log.jsonl");
    if (logFile.isEmpty()) {
      return false;
    }
    return log.refresh();
  }

  /** The resolved config as written, or "" when the run has none. */
  synchronized String configYaml() throws IOException {
    loadConfig();
    return configYaml;
  }

  /** The resolved config, flattened ({@code training.steps -> 200}), in file order. */
  synchronized Map<String, Object> config() throws IOException {
    loadConfig();
    return config;
  }

  private void loadConfig() throws IOException {
    Optional<Path> file = file("config.yaml");
    long stamp = file.isEmpty() ? 0 : stamp(file.get());
    if (stamp == configStamp) {
      return;
    }
    configStamp = stamp;
    configYaml = file.isEmpty() ? "" : Files.readString(file.get());
    Object tree = new Yaml(new LoaderOptions()).load(configYaml);
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten("", tree, flat);
    config = flat;
  }

  private static void flatten(String prefix, Object node, Map<String, Object> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
    } else if (node != null) {
      out.put(prefix, node);
    }
  }

  /**
   * The model of the last checkpoint, or null before the first checkpoint (or for other formats).
   */
  synchronized ModelInfo model() {
    try {
      Optional<Path> last = file("checkpoints");
      Optional<Path> dirOfLast =
          last.isEmpty() ? Optional.empty() : AtomicDirectory.resolve(last.get().resolve("last"));
      if (dirOfLast.isEmpty() || !Files.isRegularFile(dirOfLast.get().resolve("model.json"))) {
        model = null;
        modelStamp = -1;
        return null;
      }
      Path checkpoint = dirOfLast.get().toRealPath();
      long stamp = stamp(checkpoint.resolve("model.json")) ^ checkpoint.hashCode();
      if (stamp != modelStamp) {
        model = checkpoint.startsWith(root) ? ModelInfo.read(checkpoint) : null;
        modelStamp = stamp;
      }
      return model;
    } catch (IOException | RuntimeException e) {
      return null; // a checkpoint being replaced, or one this reader does not know
    }
  }

  /**
   * The run's chart series on {@code axis} ({@link RunSeries}), kept until the log gets records or
   * the checkpoint changes: a page that asks again costs only the JSON.
   */
  Map<String, Map<String, Object>> series(String axis, int points) {
    ModelInfo m = model();
    Long flops = m == null ? null : m.trainingFlopsPerToken();
    String key = axis + "|" + points + "|" + log.records() + "|" + flops;
    synchronized (series) {
      Map<String, Map<String, Object>> cached = series.get(key);
      if (cached == null) {
        series.keySet().removeIf(k -> k.startsWith(axis + "|" + points + "|"));
        cached = RunSeries.of(log, axis, flops, points);
        series.put(key, cached);
      }
      return cached;
    }
  }

  /** The checkpoint directory to load for sampling and attention, if any. */
  Optional<Path> lastCheckpoint() throws IOException {
    Optional<Path> checkpoints = file("checkpoints");
    if (checkpoints.isEmpty()) {
      return Optional.empty();
    }
    Optional<Path> last = AtomicDirectory.resolve(checkpoints.get().resolve("last"));
    if (last.isEmpty() || !last.get().toRealPath().startsWith(root)) {
      return Optional.empty();
    }
    return Optional.of(last.get().toRealPath());
  }

  private static long stamp(Path file) throws IOException {
    return Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
  }
}
