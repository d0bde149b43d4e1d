package org.tinyformer.visualization.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's {@code log.jsonl} (schema in {@code docs/log-format.md}) read incrementally: {@link
 * #refresh} looks at the file's size, modification time and identity, parses only the bytes added
 * since the last call, and starts over when the file was replaced or shrank (a resume rewrites it).
 * A last line without its newline is left for the next call (the trainer is writing it); a complete
 * line that is not a JSON object is counted in {@link #badLines} and skipped.
 */
final class RunLog {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int CHUNK = 1 << 20;

  private final Path file;
  private final Map<String, LogTable> tables = new LinkedHashMap<>();
  private Object fileKey;
  private long size = -1;
  private long modified;
  private long offset; // bytes parsed, always just after a newline
  private int records;
  private int badLines;

  RunLog(Path file) {
    this.file = file;
  }

  /** Reads what was appended since the last call; returns true when records were added. */
  synchronized boolean refresh() throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      boolean had = records > 0;
      reset();
      return had;
    }
    long newSize = attributes.size();
    long newModified = attributes.lastModifiedTime().toMillis();
    Object newKey = attributes.fileKey();
    if (newSize == size && newModified == modified && Objects.equals(newKey, fileKey)) {
      return false;
    }
    boolean replaced = !Objects.equals(newKey, fileKey) || newSize < offset;
    if (replaced) {
      reset();
    }
    fileKey = newKey;
    size = newSize;
    modified = newModified;
    int before = records;
    readFrom(offset, newSize);
    return replaced || records != before;
  }

  private void reset() {
    tables.clear();
    fileKey = null;
    size = -1;
    offset = 0;
    records = 0;
    badLines = 0;
  }

  private void readFrom(long start, long end) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] carry = new byte[0];
      long position = start;
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      while (position < end) {
        buffer.clear();
        buffer.limit((int) Math.min(CHUNK, end - position));
        int n = channel.read(buffer, position);
        if (n <= 0) {
          break;
        }
        position += n;
        byte[] bytes = new byte[carry.length + n];
        System.arraycopy(carry, 0, bytes, 0, carry.length);
        System.arraycopy(buffer.array(), 0, bytes, carry.length, n);
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            parseLine(bytes, lineStart, i - lineStart);
            lineStart = i + 1;
          }
        }
        offset += lineStart;
        carry = java.util.Arrays.copyOfRange(bytes, lineStart, bytes.length);
      }
    }
  }

  private void parseLine(byte[] bytes, int start, int length) {
    int end = start + length;
    while (end > start && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) {
      end--;
    }
    if (end == start) {
      return;
    }
    LogTable table = null;
    try (JsonParser p = JSON.createParser(bytes, start, end - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        badLines++;
        return;
      }
      JsonToken t = p.nextToken();
      // the schema puts "type" first: the row goes straight into its table
      if (t == JsonToken.FIELD_NAME
          && p.currentName().equals("type")
          && p.nextToken() == JsonToken.VALUE_STRING) {
        table = tables.computeIfAbsent(p.getText(), k -> new LogTable());
        table.addRow(records);
        t = p.nextToken();
      } else if (t == JsonToken.FIELD_NAME) {
        table = tables.computeIfAbsent("record", k -> new LogTable());
        table.addRow(records);
        readValue(p, table, p.currentName()); // a record without a leading type
        t = p.nextToken();
      }
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        readValue(p, table, p.currentName());
      }
      if (table == null || p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IOException("not one JSON object");
      }
      records++;
    } catch (IOException e) {
      if (table != null) {
        table.removeLastRow();
      }
      badLines++;
    }
  }

  private static void readValue(JsonParser p, LogTable table, String name) throws IOException {
    JsonToken v = p.nextToken();
    switch (v) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> table.put(name, p.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> table.putOther(name, v == JsonToken.VALUE_TRUE);
      case VALUE_STRING -> {
        Object value = nonFinite(p.getText());
        if (value instanceof Double d) {
          table.put(name, d);
        } else {
          table.putOther(name, value);
        }
      }
      case START_OBJECT, START_ARRAY -> table.putOther(name, MAPPER.readTree(p));
      default -> {} // null: the field stays absent
    }
  }

  /** Jackson writes NaN and infinities as the strings "NaN", "Infinity", "-Infinity". */
  private static Object nonFinite(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> text;
    };
  }

  /** The table of one record type, or null when the log has none. */
  synchronized LogTable table(String type) {
    return tables.get(type);
  }

  /** The record types seen, in first-seen order. */
  synchronized List<String> types() {
    return List.copyOf(tables.keySet());
  }

  synchronized int records() {
    return records;
  }

  synchronized int badLines() {
    return badLines;
  }

  /** The log's modification time (epoch milliseconds), 0 before the first refresh. */
  synchronized long modified() {
    return modified;
  }

  /** Records {@code since} (a record number) onwards, in log order, at most {@code limit}. */
  synchronized List<Map<String, Object>> recordsSince(int since, int limit) {
    List<long[]> picks = new ArrayList<>(); // (record index, table number, row)
    List<String> types = List.copyOf(tables.keySet());
    for (int t = 0; t < types.size(); t++) {
      LogTable table = tables.get(types.get(t));
      for (int row = table.rows() - 1; row >= 0 && table.recordIndex(row) >= since; row--) {
        picks.add(new long[] {table.recordIndex(row), t, row});
      }
    }
    picks.sort((a, b) -> Long.compare(a[0], b[0]));
    List<Map<String, Object>> out = new ArrayList<>();
    for (long[] pick : picks.subList(0, Math.min(limit, picks.size()))) {
      String type = types.get((int) pick[1]);
      out.add(tables.get(type).record(type, (int) pick[2]));
    }
    return out;
  }
}
