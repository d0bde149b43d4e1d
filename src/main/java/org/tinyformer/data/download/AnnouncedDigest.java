package org.tinyformer.data.download;

import java.net.http.HttpHeaders;
import java.util.Locale;

/**
 * What a download's first reply announced about the file: its SHA-256 (null when absent) and its
 * size (-1 when absent). Hugging Face sends them for LFS files as {@code X-Linked-Etag} (the quoted
 * SHA-256) and {@code X-Linked-Size}, on the {@code /resolve/} reply before its redirect; {@link
 * Downloader} checks a file the registry pins no digest for against them.
 */
record AnnouncedDigest(String sha256, long size) {
  /** Hugging Face's {@code X-Linked-Etag} (a quoted SHA-256) and {@code X-Linked-Size}. */
  static AnnouncedDigest of(HttpHeaders headers) {
    String etag = headers.firstValue("X-Linked-Etag").orElse("").trim();
    if (etag.startsWith("W/")) {
      etag = etag.substring(2);
    }
    etag = etag.replace("\"", "").toLowerCase(Locale.ROOT);
    String sha = etag.matches("[0-9a-f]{64}") ? etag : null; // a git SHA-1 is no SHA-256
    long size = -1;
    try {
      size = Long.parseLong(headers.firstValue("X-Linked-Size").orElse("-1").trim());
    } catch (NumberFormatException e) {
      size = -1;
    }
    return new AnnouncedDigest(sha, sha == null || size < 0 ? -1 : size);
  }
}
