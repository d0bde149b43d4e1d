package org.tinyformer.training;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress on the terminal: a bar redrawn in place with step, loss, tokens/s and ETA; when
 * the output is not a terminal, plain lines instead (one per logged step), so logs stay readable.
 */
public final class ProgressBar {
  private static final int WIDTH = 24;
  private final PrintWriter out;
  private final boolean interactive;
  private final int totalSteps;
  private boolean barShown;

  public ProgressBar(PrintWriter out, boolean interactive, int totalSteps) {
    this.out = out;
    this.interactive = interactive;
    this.totalSteps = totalSteps;
  }

  /** Shows progress after {@code step} (1-based count of steps done). */
  public void update(int step, float loss, double tokensPerSec, double etaSeconds) {
    String stats =
        String.format(
            Locale.ROOT,
            "step %d/%d  loss %.4f  %s tok/s  eta %s",
            step,
            totalSteps,
            loss,
            compact(tokensPerSec),
            duration(etaSeconds));
    if (interactive) {
      int filled = (int) ((long) WIDTH * step / Math.max(1, totalSteps));
      out.print(
          "\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + stats + "\u001b[K");
      barShown = true;
    } else {
      out.println(stats);
    }
    out.flush();
  }

  /** Prints a line above the bar (evaluations, checkpoints). */
  public void message(String line) {
    if (barShown) {
      out.print("\r\u001b[K");
      barShown = false;
    }
    out.println(line);
    out.flush();
  }

  /** Ends the bar's line. */
  public void finish() {
    if (barShown) {
      out.println();
      barShown = false;
    }
    out.flush();
  }

  /** 12345 as "12.3k". */
  static String compact(double value) {
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }

  /** Seconds as "1h02m", "3m07s" or "12s". */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
