package org.tinyformer.data.download;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where downloads live: an explicit directory if given, else {@code $XDG_CACHE_HOME/tinyformer},
 * else {@code ~/.cache/tinyformer}. Usage: {@code CacheDirectory.resolve(null, System.getenv(),
 * Path.of(System.getProperty("user.home")))}.
 */
public final class CacheDirectory {
  private CacheDirectory() {}

  /** The cache directory; {@code override} wins when not null. */
  public static Path resolve(Path override, Map<String, String> env, Path home) {
    if (override != null) {
      return override;
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "tinyformer");
    }
    return home.resolve(".cache").resolve("tinyformer");
  }
}
