package org.tinyformer.data.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tinyformer.base.WriteErrors;

/**
 * A file already in the cache is checked before it is handed out: against the registry's pinned
 * size and SHA-256, and against the {@code NAME.verified} marker written when it was downloaded
 * (size, modification time, SHA-256 and what that SHA-256 was checked against: {@code registry},
 * {@code server} or {@code none}), so a tampered, truncated or replaced file is refused instead of
 * being used. The SHA-256 is recomputed only when size or time differ from the marker.
 */
final class CachedFile {
  private CachedFile() {}

  static Path marker(Path target) {
    return target.resolveSibling(target.getFileName() + ".verified");
  }

  /** Records that {@code target} has digest {@code sha256}, checked against {@code digest}. */
  static void markVerified(Path target, String sha256, Downloader.Digest digest)
      throws IOException {
    String line =
        Files.size(target)
            + " "
            + Files.getLastModifiedTime(target).toMillis()
            + " "
            + sha256
            + " "
            + digest.name().toLowerCase(Locale.ROOT);
    try {
      Files.writeString(marker(target), line);
    } catch (IOException e) {
      throw WriteErrors.naming(marker(target), e);
    }
  }

  /**
   * What the cached {@code target}'s SHA-256 was checked against when it was downloaded, or null
   * when it has no marker.
   */
  static Downloader.Digest verifiedBy(Path target) throws IOException {
    String[] mark = readMarker(target);
    return mark == null ? null : digest(mark);
  }

  /** A marker's fourth field; markers written before it existed say nothing: none. */
  private static Downloader.Digest digest(String[] mark) {
    if (mark.length < 4) {
      return Downloader.Digest.NONE;
    }
    try {
      return Downloader.Digest.valueOf(mark[3].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Downloader.Digest.NONE;
    }
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
    Downloader.Digest digest =
        info.pinned()
            ? Downloader.Digest.REGISTRY
            : mark == null ? Downloader.Digest.NONE : digest(mark);
    if (unchanged && (expected == null || mark[2].equals(expected))) {
      return new Downloader.Result(target, size, mark[2], digest, true);
    }
    String sha = Downloader.sha256(target);
    if (expected != null && !sha.equals(expected)) {
      throw damaged(info, target, "sha256 " + sha, "sha256 " + expected);
    }
    markVerified(target, sha, digest);
    return new Downloader.Result(target, size, sha, digest, true);
  }

  private static String[] readMarker(Path target) throws IOException {
    Path marker = marker(target);
    if (!Files.isRegularFile(marker)) {
      return null;
    }
    String[] parts = Files.readString(marker).trim().split(" ");
    return parts.length == 3 || parts.length == 4 ? parts : null;
  }

  private static IOException damaged(DatasetInfo info, Path target, String found, String want) {
    return new IOException(
        String.format(
            "download %s: the cached file %s has %s, expected %s (changed or damaged since it was"
                + " downloaded); delete it and run the command again",
            info.name(), target, found, want));
  }
}
