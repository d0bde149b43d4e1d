package org.tinyformer.visualization.dashboard;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of one {@code type} of a run's log ({@code train}, {@code eval}, ...) as columns:
 * numbers and booleans (1 or 0) in growable double arrays, NaN where a record lacks the field;
 * strings, booleans and nested values kept per row. {@code recordIndex[row]} is the record's
 * position in the whole log.
 */
final class LogTable {
  private final Map<String, double[]> numbers = new LinkedHashMap<>();
  private final Map<String, Object[]> others = new LinkedHashMap<>();
  private int[] recordIndex = new int[16]; // (rows)
  private int rows;
  private final String[] slotNames = new String[16]; // see put(int, String, double)
  private final double[][] slotColumns = new double[16][];

  int rows() {
    return rows;
  }

  int recordIndex(int row) {
    return recordIndex[row];
  }

  /** Starts a new row for the log's record number {@code index}. */
  void addRow(int index) {
    if (rows == recordIndex.length) {
      int capacity = rows * 2;
      recordIndex = Arrays.copyOf(recordIndex, capacity);
      numbers.replaceAll((k, v) -> grow(v, capacity));
      Arrays.fill(slotColumns, null); // the columns were replaced
      others.replaceAll((k, v) -> Arrays.copyOf(v, capacity));
    }
    recordIndex[rows++] = index;
  }

  /** Takes back the last row (a line that turned out not to be a whole JSON object). */
  void removeLastRow() {
    rows--;
    numbers.values().forEach(column -> column[rows] = Double.NaN);
    others.values().forEach(column -> column[rows] = null);
  }

  /**
   * Sets a numeric field of the last row, where {@code slot} is the field's position in its line:
   * lines of one type list their fields in the same order, so the column is found by position and
   * an identity check, without a map lookup.
   */
  void put(int slot, String field, double value) {
    if (slot < slotNames.length && slotNames[slot] == field && slotColumns[slot] != null) {
      slotColumns[slot][rows - 1] = value;
      return;
    }
    put(field, value);
    if (slot < slotNames.length) {
      slotNames[slot] = field;
      slotColumns[slot] = numbers.get(field);
    }
  }

  /** Sets a numeric field of the last row. */
  void put(String field, double value) {
    double[] column = numbers.get(field);
    if (column == null) {
      column = new double[recordIndex.length];
      Arrays.fill(column, Double.NaN);
      numbers.put(field, column);
    }
    column[rows - 1] = value;
  }

  /** Sets a string, boolean or nested field of the last row. */
  void putOther(String field, Object value) {
    others.computeIfAbsent(field, k -> new Object[recordIndex.length])[rows - 1] = value;
  }

  /** The last row's string, boolean or nested value of {@code field}, null when absent. */
  Object lastOther(String field) {
    Object[] column = others.get(field);
    return column == null || rows == 0 ? null : column[rows - 1];
  }

  /** The numeric fields, in first-seen order. */
  Iterable<String> numberFields() {
    return numbers.keySet();
  }

  boolean has(String field) {
    return numbers.containsKey(field);
  }

  /** A numeric column (its first {@link #rows()} entries are valid), or null when absent. */
  double[] column(String field) {
    return numbers.get(field);
  }

  /** The value of {@code field} in {@code row}, NaN when absent. */
  double get(String field, int row) {
    double[] column = numbers.get(field);
    return column == null ? Double.NaN : column[row];
  }

  /** The last row's value of {@code field}, NaN when absent or when there are no rows. */
  double last(String field) {
    return rows == 0 ? Double.NaN : get(field, rows - 1);
  }

  /** One row back as a record (numbers, then strings). */
  Map<String, Object> record(String type, int row) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("type", type);
    numbers.forEach(
        (k, v) -> {
          if (!Double.isNaN(v[row])) {
            double d = v[row];
            r.put(k, d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d);
          }
        });
    others.forEach(
        (k, v) -> {
          if (v[row] != null) {
            r.put(k, v[row]);
          }
        });
    return r;
  }

  private static double[] grow(double[] column, int capacity) {
    double[] bigger = Arrays.copyOf(column, capacity);
    Arrays.fill(bigger, column.length, capacity, Double.NaN);
    return bigger;
  }
}
