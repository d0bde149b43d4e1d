package org.tinyformer.visualization.dashboard;

import java.nio.charset.StandardCharsets;

/**
 * A fast reader for the common shape of a {@code log.jsonl} line: one flat JSON object whose values
 * are numbers, ASCII strings without escapes, booleans or null, e.g. {@code
 * {"type":"train","step":25,"lr":9.900991E-5,...}}. It is the dashboard's hot path: 50 runs of
 * 100,000 lines are 720 MB of text to read when the dashboard starts.
 *
 * <p>{@link #parse} returns false for anything else (a nested value, an escape, a non-ASCII byte, a
 * number JSON does not allow, a malformed line); {@link RunLog} then hands the line to Jackson,
 * which decides. So this class never has to be right about unusual input, only fast and exact on
 * the usual one, and the two paths give the same values (tested in {@code FlatLogLineTest}).
 *
 * <p>Numbers: the digits are gathered into a {@code long}; when that mantissa has at most 15 digits
 * and the decimal exponent is within ±22, one IEEE multiplication or division by an exact power of
 * ten gives the correctly rounded double (Clinger's fast path), which is what {@code
 * Double.parseDouble} returns. The trainer writes floats (at most 9 digits), so that is every
 * number of a real log; longer ones go through {@code Double.parseDouble}.
 */
final class FlatLogLine {
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10; // exact up to 1e22
    }
  }

  /** Field kinds of the parsed line. */
  static final byte NUMBER = 0, STRING = 1, TRUE = 2, FALSE = 3, NULL = 4;

  private String[] names = new String[16];
  private byte[] kinds = new byte[16];
  private double[] numbers = new double[16];
  private String[] strings = new String[16];
  private int count;

  // field names seen before, so a line allocates no String for them (open addressing, 64 slots)
  private final byte[][] nameBytes = new byte[64][];
  private final String[] nameStrings = new String[64];

  int count() {
    return count;
  }

  String name(int i) {
    return names[i];
  }

  byte kind(int i) {
    return kinds[i];
  }

  double number(int i) {
    return numbers[i];
  }

  String string(int i) {
    return strings[i];
  }

  /** Parses {@code b[from, to)}; false when the line is not of the flat shape (see above). */
  boolean parse(byte[] b, int from, int to) {
    count = 0;
    int i = skipSpace(b, from, to);
    if (i >= to || b[i] != '{') {
      return false;
    }
    i = skipSpace(b, i + 1, to);
    if (i < to && b[i] == '}') {
      return skipSpace(b, i + 1, to) == to;
    }
    while (true) {
      if (i >= to || b[i] != '"') {
        return false;
      }
      int nameEnd = plainStringEnd(b, i + 1, to);
      if (nameEnd < 0) {
        return false;
      }
      String name = name(b, i + 1, nameEnd);
      i = skipSpace(b, nameEnd + 1, to);
      if (i >= to || b[i] != ':') {
        return false;
      }
      i = skipSpace(b, i + 1, to);
      if (i >= to) {
        return false;
      }
      i = value(b, i, to, name);
      if (i < 0) {
        return false;
      }
      i = skipSpace(b, i, to);
      if (i >= to) {
        return false;
      }
      if (b[i] == '}') {
        return skipSpace(b, i + 1, to) == to;
      }
      if (b[i] != ',') {
        return false;
      }
      i = skipSpace(b, i + 1, to);
    }
  }

  /** Reads the value at {@code b[i]}; returns the index after it, or -1. */
  private int value(byte[] b, int i, int to, String name) {
    byte c = b[i];
    if (c == '"') {
      int end = plainStringEnd(b, i + 1, to);
      if (end < 0) {
        return -1;
      }
      add(name, STRING, 0, new String(b, i + 1, end - i - 1, StandardCharsets.ISO_8859_1));
      return end + 1;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(b, i, to, name);
    }
    if (word(b, i, to, "true")) {
      add(name, TRUE, 1, null);
      return i + 4;
    }
    if (word(b, i, to, "false")) {
      add(name, FALSE, 0, null);
      return i + 5;
    }
    if (word(b, i, to, "null")) {
      add(name, NULL, 0, null);
      return i + 4;
    }
    return -1; // an object, an array or not JSON: the general parser decides
  }

  /** A JSON number from {@code b[start]}; returns the index after it, or -1. */
  private int number(byte[] b, int start, int to, String name) {
    int i = start;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0; // significant digits gathered in mantissa (leading zeros excluded)
    int dropped = 0; // integer digits beyond what the mantissa holds
    int intStart = i;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      if (digits < 18) {
        mantissa = mantissa * 10 + (b[i] - '0');
        if (mantissa != 0) {
          digits++;
        }
      } else {
        dropped++;
      }
      i++;
    }
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
      return -1; // JSON has neither "-" alone nor leading zeros
    }
    int exponent = dropped;
    boolean integer = true;
    if (i < to && b[i] == '.') {
      integer = false;
      int fracStart = ++i;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (digits < 18) {
          mantissa = mantissa * 10 + (b[i] - '0');
          exponent--;
          if (mantissa != 0) {
            digits++;
          }
        }
        i++;
      }
      if (i == fracStart) {
        return -1;
      }
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      integer = false;
      i++;
      boolean negativeExponent = false;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        negativeExponent = b[i] == '-';
        i++;
      }
      int expStart = i;
      int e = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (e < 100_000) {
          e = e * 10 + (b[i] - '0');
        }
        i++;
      }
      if (i == expStart) {
        return -1;
      }
      exponent += negativeExponent ? -e : e;
    }
    double value;
    if (integer && mantissa == 0) {
      value = 0.0; // Jackson reads "-0" as the integer 0
    } else if (digits <= 15 && exponent >= -22 && exponent <= 22) {
      double m = negative ? -(double) mantissa : (double) mantissa;
      value = exponent >= 0 ? m * POW10[exponent] : m / POW10[-exponent];
    } else {
      value = Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    }
    add(name, NUMBER, value, null);
    return i;
  }

  private void add(String name, byte kind, double number, String string) {
    if (count == names.length) {
      int n = count * 2;
      names = java.util.Arrays.copyOf(names, n);
      kinds = java.util.Arrays.copyOf(kinds, n);
      numbers = java.util.Arrays.copyOf(numbers, n);
      strings = java.util.Arrays.copyOf(strings, n);
    }
    names[count] = name;
    kinds[count] = kind;
    numbers[count] = number;
    strings[count] = string;
    count++;
  }

  /** The field name in {@code b[from, to)}, the same String for the same bytes. */
  private String name(byte[] b, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    int mask = nameBytes.length - 1;
    for (int probe = 0; probe < nameBytes.length; probe++) {
      int slot = (h + probe) & mask;
      byte[] known = nameBytes[slot];
      if (known == null) {
        byte[] key = java.util.Arrays.copyOfRange(b, from, to);
        String s = new String(key, StandardCharsets.ISO_8859_1);
        if (probe < 8) { // keep the table for the few names a log has
          nameBytes[slot] = key;
          nameStrings[slot] = s;
        }
        return s;
      }
      if (java.util.Arrays.equals(known, 0, known.length, b, from, to)) {
        return nameStrings[slot];
      }
    }
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The index of the closing quote of a string of plain ASCII from {@code from}, or -1. */
  private static int plainStringEnd(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20) { // an escape, a control or a non-ASCII byte (negative)
        return -1;
      }
    }
    return -1;
  }

  private static boolean word(byte[] b, int i, int to, String w) {
    if (to - i < w.length()) {
      return false;
    }
    for (int k = 0; k < w.length(); k++) {
      if (b[i + k] != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(byte[] b, int i, int to) {
    while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
      i++;
    }
    return i;
  }
}
