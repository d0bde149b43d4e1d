package org.tinyformer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.tinyformer.data.shards.PretokenizeProgress;

/**
 * Progress of a pass over a corpus on stderr: percent of the input bytes, MB/s of this run and the
 * time left at that rate, tokens (or chunks) so far. On a terminal one line redrawn at most 10
 * times a second; otherwise a plain line at every 10%.
 */
final class StreamProgress implements PretokenizeProgress {
  private final PrintWriter err;
  private final String label;
  private final String unit;
  private final boolean terminal;
  private long startNanos = System.nanoTime();
  private long startBytes = -1;
  private long lastDrawNanos;
  private long lastStep = -1;
  private boolean drawn;

  /** Progress of {@code label} on {@code err}, counting {@code unit}s (tokens, chunks). */
  StreamProgress(PrintWriter err, String label, String unit, boolean terminal) {
    this.err = err;
    this.label = label;
    this.unit = unit;
    this.terminal = terminal;
  }

  @Override
  public void update(long bytesRead, long totalBytes, long tokens) {
    if (startBytes < 0) {
      startBytes = bytesRead; // a resumed run's rate counts only what it reads itself
      startNanos = System.nanoTime();
      return;
    }
    long now = System.nanoTime();
    String line = line(bytesRead, totalBytes, tokens, now);
    if (terminal) {
      if (now - lastDrawNanos >= 100_000_000L || bytesRead == totalBytes) {
        lastDrawNanos = now;
        err.print("\r" + line);
        err.flush();
        drawn = true;
      }
      return;
    }
    long step = totalBytes > 0 ? bytesRead * 10 / totalBytes : 0;
    if (step != lastStep) {
      lastStep = step;
      err.println(line);
      err.flush();
    }
  }

  /** Ends the redrawn line. */
  void finish() {
    if (terminal && drawn) {
      err.println();
      err.flush();
    }
  }

  private String line(long read, long total, long tokens, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = (read - startBytes) / seconds; // bytes per second
    String eta = rate > 0 ? clock((total - read) / rate) : "?";
    return String.format(
        Locale.ROOT,
        "%s %3d%% %,.1f/%,.1f MB  %.1f MB/s  ETA %s  %,d %s",
        label,
        total > 0 ? 100 * read / total : 100,
        read / 1e6,
        total / 1e6,
        rate / 1e6,
        eta,
        tokens,
        unit);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
