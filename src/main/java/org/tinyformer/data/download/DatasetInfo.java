package org.tinyformer.data.download;

import org.tinyformer.base.Checks;

/**
 * A downloadable dataset: its name, URL, cache file name, size in bytes ({@code -1} when not
 * pinned) and SHA-256 ({@code null} when not pinned: then the download is checked against the
 * SHA-256 and size the server announces, Hugging Face's X-Linked-Etag and X-Linked-Size, see {@link
 * Downloader}).
 */
public record DatasetInfo(
    String name, String url, String fileName, long sizeBytes, String sha256, String description) {
  public DatasetInfo {
    Checks.check(
        name != null && name.matches("[a-z0-9][a-z0-9-]*"),
        "dataset: name must be lowercase letters, digits and dashes, got '%s'",
        name);
    Checks.check(
        fileName != null && !fileName.contains("/") && !fileName.startsWith("."),
        "dataset %s: fileName must be a plain file name, got '%s'",
        name,
        fileName);
    Checks.check(
        sha256 == null || sha256.matches("[0-9a-f]{64}"),
        "dataset %s: sha256 must be 64 lowercase hex digits, got '%s'",
        name,
        sha256);
  }

  /** Whether the registry pins the content (size and SHA-256). */
  public boolean pinned() {
    return sha256 != null;
  }
}
