package org.tinyformer.visualization.dashboard;

/** Query parameters read as numbers, with the parameter named in the error. */
final class Params {
  private Params() {}

  static int integer(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }

  static double number(String name, String value, double fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(value.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }
}
