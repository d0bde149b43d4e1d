package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs under the dashboard's runs directories, listed by the server itself: each direct
 * subdirectory holding a {@code log.jsonl}, {@code config.yaml} or {@code checkpoints/} (or a runs
 * directory that is itself a run). Ids are directory names ({@code name-2} on a clash); a request's
 * id is only ever looked up in this listing, never joined to a path. A subdirectory whose real path
 * leaves its runs directory (a symlink out) is not listed. {@link #scan} picks up runs created
 * since the last call.
 */
final class RunCatalog {
  private final List<Path> roots;
  private final Map<Path, RunEntry> byDir = new LinkedHashMap<>();
  private final Map<String, RunEntry> byId = new LinkedHashMap<>();

  RunCatalog(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** Lists the runs again (new runs get ids; vanished ones are dropped) and returns them all. */
  synchronized List<RunEntry> scan() {
    Map<Path, Path> found = new LinkedHashMap<>(); // run dir -> its root (real paths)
    for (Path root : roots) {
      try {
        if (!Files.isDirectory(root)) {
          continue;
        }
        Path realRoot = root.toRealPath();
        if (isRun(realRoot)) {
          found.put(realRoot, realRoot);
          continue;
        }
        try (Stream<Path> children = Files.list(realRoot)) {
          for (Path child : children.sorted().toList()) {
            Path real = child.toRealPath();
            if (real.startsWith(realRoot) && !real.equals(realRoot) && isRun(real)) {
              found.putIfAbsent(real, realRoot);
            }
          }
        }
      } catch (IOException e) {
        // a runs directory or run being removed while we look: list what remains
      }
    }
    byDir.keySet().retainAll(found.keySet());
    Map<String, Integer> taken = new HashMap<>();
    byDir.values().forEach(e -> taken.put(e.id(), 1));
    found.forEach(
        (dir, root) -> {
          if (!byDir.containsKey(dir)) {
            String base = dir.getFileName() == null ? "run" : dir.getFileName().toString();
            String id = base;
            for (int n = 2; taken.containsKey(id); n++) {
              id = base + "-" + n;
            }
            taken.put(id, 1);
            byDir.put(dir, new RunEntry(id, dir, root));
          }
        });
    byId.clear();
    byDir.values().forEach(e -> byId.put(e.id(), e));
    return new ArrayList<>(byId.values());
  }

  /** The run with this id from the last listing (listing again once when unknown). */
  synchronized Optional<RunEntry> get(String id) {
    RunEntry entry = byId.get(id);
    if (entry == null) {
      scan();
      entry = byId.get(id);
    }
    return Optional.ofNullable(entry);
  }

  /** The runs of the last listing. */
  synchronized List<RunEntry> entries() {
    return new ArrayList<>(byId.values());
  }

  private static boolean isRun(Path dir) {
    return Files.isDirectory(dir)
        && (Files.exists(dir.resolve("log.jsonl"))
            || Files.exists(dir.resolve("config.yaml"))
            || Files.isDirectory(dir.resolve("checkpoints")));
  }
}
