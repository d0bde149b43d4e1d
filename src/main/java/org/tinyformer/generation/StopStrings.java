package org.tinyformer.generation;

import java.util.List;
import org.tinyformer.base.Checks;

/**
 * Ends a streamed reply at the first of some stop strings (a newline, {@code "###"}), which is not
 * printed. Text that could be the start of a stop string is held back until the next piece shows
 * whether it is, so a stop string split across tokens is caught and never half printed.
 *
 * <p>{@code var stops = new StopStrings(List.of("\n")); out.print(stops.accept(piece)); if
 * (stops.stopped()) ...; out.print(stops.flush());}
 */
public final class StopStrings {
  private final List<String> stops;
  private final StringBuilder pending = new StringBuilder();
  private boolean stopped;

  public StopStrings(List<String> stops) {
    for (String s : stops) {
      Checks.check(!s.isEmpty(), "stop strings: a stop string is empty; give at least a character");
    }
    this.stops = List.copyOf(stops);
  }

  /** No stop strings: every piece passes through at once. */
  public static StopStrings none() {
    return new StopStrings(List.of());
  }

  /** The stop strings, in the order given. */
  public List<String> strings() {
    return stops;
  }

  /** Takes the next piece of text and returns what is now safe to print. */
  public String accept(String piece) {
    if (stopped) {
      return "";
    }
    pending.append(piece);
    int cut = firstStop();
    if (cut >= 0) {
      stopped = true;
      String out = pending.substring(0, cut);
      pending.setLength(0);
      return out;
    }
    int keep = longestPartialStop();
    String out = pending.substring(0, pending.length() - keep);
    pending.delete(0, pending.length() - keep);
    return out;
  }

  /** True once a stop string has appeared. */
  public boolean stopped() {
    return stopped;
  }

  /** The held-back text, at the end of a reply that did not stop at a stop string. */
  public String flush() {
    String out = pending.toString();
    pending.setLength(0);
    return out;
  }

  private int firstStop() {
    int first = -1;
    for (String s : stops) {
      int at = pending.indexOf(s);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /** The length of the longest end of the pending text that begins some stop string. */
  private int longestPartialStop() {
    int best = 0;
    String text = pending.toString();
    for (String s : stops) {
      for (int len = Math.min(s.length() - 1, text.length()); len > best; len--) {
        if (text.regionMatches(text.length() - len, s, 0, len)) {
          best = len;
          break;
        }
      }
    }
    return best;
  }

  /**
   * Decodes the escapes a user types for a stop string: {@code \n} newline, {@code \t} tab, {@code
   * \\\\} backslash; any other backslash stays as it is.
   */
  public static String unescape(String typed) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      char next = i + 1 < typed.length() ? typed.charAt(i + 1) : 0;
      String escaped =
          c != '\\' ? null : next == 'n' ? "\n" : next == 't' ? "\t" : next == '\\' ? "\\" : null;
      if (escaped != null) {
        sb.append(escaped);
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The stop strings as a user would type them back: newline as {@code \n}, quoted. */
  public String describe() {
    if (stops.isEmpty()) {
      return "off";
    }
    StringBuilder sb = new StringBuilder();
    for (String s : stops) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append('"')
          .append(s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t"))
          .append('"');
    }
    return sb.toString();
  }
}
