package org.tinyformer.data.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file already in the cache is checked before it is handed out: against the registry's pinned
 * size and SHA-256, and against the {@code NAME.verified} marker written when it was downloaded
 * (size, modification time and SHA-256), so a tampered, truncated or replaced file is refused
 * instead of being used. The SHA-256 is recomputed only when size or time differ from the marker.
 */
final class CachedFile {
  private CachedFile() {}

  static Path marker(Path target) {
    return target.resolveSibling(target.getFileName() + ".verified");
  }

  /** Records that {@code target} was verified with digest {@code sha256}. */
  static void markVerified(Path target, String sha256) throws IOException {
    Files.writeString(
        marker(target),
        Files.size(target) + " " + Files.getLastModifiedTime(target).toMillis() + " " + sha256);
  }

  /** The cached file if it is still the file that was verified; else an error naming it. */
  static Downloader.Result verify(DatasetInfo info, Path target) throws IOException {
    long size = Files.size(target);
    if (info.sizeBytes() >= 0 && size != info.sizeBytes()) {
      throw damaged(info, target, size + " bytes", info.sizeBytes() + " bytes");
    }
    String[] mark = readMarker(target);
    boolean unchanged =
        mark != null
            && mark[0].equals(Long.toString(size))
            && mark[1].equals(Long.toString(Files.getLastModifiedTime(target).toMillis()));
    String expected = info.pinned() ? info.sha256() : mark == null ? null : mark[2];
    if (unchanged && (expected == null || mark[2].equals(expected))) {
      return new Downloader.Result(target, size, mark[2], info.pinned(), true);
    }
    String sha = Downloader.sha256(target);
    if (expected != null && !sha.equals(expected)) {
      throw damaged(info, target, "sha256 " + sha, "sha256 " + expected);
    }
    markVerified(target, sha);
    return new Downloader.Result(target, size, sha, info.pinned(), true);
  }

  private static String[] readMarker(Path target) throws IOException {
    Path marker = marker(target);
    if (!Files.isRegularFile(marker)) {
      return null;
    }
    String[] parts = Files.readString(marker).trim().split(" ");
    return parts.length == 3 ? parts : null;
  }

  private static IOException damaged(DatasetInfo info, Path target, String found, String want) {
    return new IOException(
        String.format(
            "download %s: the cached file %s has %s, expected %s (changed or damaged since it was"
                + " downloaded); delete it and run the command again",
            info.name(), target, found, want));
  }
}
