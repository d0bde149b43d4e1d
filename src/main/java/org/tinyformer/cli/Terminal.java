package org.tinyformer.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;

/** Whether standard output is an interactive terminal, and small formatting shared by commands. */
final class Terminal {
  private Terminal() {}

  /**
   * True on a terminal. From JDK 22 {@code System.console()} exists even when output is redirected,
   * so {@code Console.isTerminal()} is asked where it exists.
   */
  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17-21: a console means a terminal
    }
  }

  /** Seconds as "1m23s" or "45.2s". */
  static String duration(double seconds) {
    if (seconds >= 60) {
      long s = Math.round(seconds);
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%.1fs", seconds);
  }
}
