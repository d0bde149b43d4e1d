package org.tinyformer.data.download;

import java.io.PrintWriter;

/**
 * Download progress on a stream (stderr in the CLI): on a terminal one bar redrawn in place ({@code
 * \r}) at most 10 times a second; otherwise plain lines at every 10% (every 10 MB when the size is
 * unknown), so logs stay readable. {@link #silent()} prints nothing.
 */
public final class DownloadProgress {
  private static final long MB = 1024 * 1024;
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private String name = "";
  private long total = -1;
  private long resumedFrom;
  private long lastDrawNanos;
  private long lastStep = -1;

  /** Progress written to {@code out}, as a bar if {@code terminal}, else as plain lines. */
  public DownloadProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Progress that prints nothing. */
  public static DownloadProgress silent() {
    return new DownloadProgress(null, false);
  }

  /** A download of {@code total} bytes ({@code -1}: unknown) starts, {@code resumedFrom} in. */
  void start(String datasetName, long totalBytes, long resumedFromBytes) {
    this.name = datasetName;
    this.total = totalBytes;
    this.resumedFrom = resumedFromBytes;
    if (out != null && resumedFromBytes > 0) {
      out.printf("%s: resuming at %s%n", name, size(resumedFromBytes));
      out.flush();
    }
  }

  /** {@code bytes} of the file are now on disk. */
  void update(long bytes) {
    if (out == null) {
      return;
    }
    if (terminal) {
      long now = System.nanoTime();
      if (now - lastDrawNanos >= 100_000_000L || bytes == total) {
        lastDrawNanos = now;
        out.print("\r" + bar(bytes));
        out.flush();
      }
      return;
    }
    long step = total > 0 ? bytes * 10 / total : bytes / (10 * MB);
    if (step != lastStep) {
      lastStep = step;
      out.println(line(bytes));
      out.flush();
    }
  }

  /** The download ended (successfully or not). */
  void finish(long bytes) {
    if (out != null && terminal) {
      out.print("\r" + bar(bytes) + System.lineSeparator());
      out.flush();
    }
  }

  private String bar(long bytes) {
    StringBuilder sb = new StringBuilder(name).append(' ');
    if (total > 0) {
      int filled = (int) (WIDTH * bytes / total);
      sb.append(String.format("%3d%% [", 100 * bytes / total));
      sb.append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
    }
    return sb.append(amounts(bytes)).toString();
  }

  private String line(long bytes) {
    String percent = total > 0 ? String.format(" %3d%%", 100 * bytes / total) : "";
    return name + percent + " " + amounts(bytes);
  }

  private String amounts(long bytes) {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    String of = total > 0 ? " / " + size(total) : "";
    return size(bytes)
        + of
        + String.format("  %s/s", size((long) ((bytes - resumedFrom) / seconds)));
  }

  /** {@code 512 B}, {@code 1.1 MB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < MB) {
      return String.format("%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024 * MB) {
      return String.format("%.1f MB", bytes / (double) MB);
    }
    return String.format("%.2f GB", bytes / (double) (1024 * MB));
  }
}
