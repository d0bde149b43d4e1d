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
 *
 * <p>{@code train} records are nearly every line of a log (100,000 in a long run), and the runs
 * page needs only the last one, so they are parsed lazily: {@link #refresh} only notes where each
 * line starting {@code {"type":"train",} is, {@link #last} parses the last of them, and the first
 * {@link #table table("train")} (a chart, a compare) parses them all. Every other record is parsed
 * as it is read. A deferred line that turns out not to be JSON is counted bad when it is parsed;
 * its record number stays unused.
 */
final class RunLog {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int CHUNK = 1 << 20;

  private final FlatLogLine flat = new FlatLogLine();

  private final Path file;
  private final Map<String, LogTable> tables = new LinkedHashMap<>();
  private Object fileKey;
  private long size = -1;
  private long modified;
  private long offset; // bytes parsed, always just after a newline
  private int records; // record numbers handed out (deferred lines included)
  private int badLines;
  private final DeferredLines deferred = new DeferredLines();

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
    deferred.clear();
    fileKey = null;
    size = -1;
    offset = 0;
    records = 0;
    badLines = 0;
  }

  private void readFrom(long start, long end) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      offset = forEachLine(channel, start, end, false, this::readLine);
    }
  }

  /** What {@link #forEachLine} hands each line to. */
  private interface LineSink {
    void line(byte[] bytes, int start, int length, long fileOffset);
  }

  /**
   * Hands every {@code '\n'}-ended line of the file's bytes {@code [start, end)} to {@code sink},
   * in order, reading a chunk at a time; with {@code endEndsALine} the bytes after the last newline
   * are a line too. Returns the offset just past the last line handed out (after its newline): a
   * line still being written is left for the next call.
   */
  private static long forEachLine(
      FileChannel channel, long start, long end, boolean endEndsALine, LineSink sink)
      throws IOException {
    byte[] bytes = new byte[(int) Math.max(4096, Math.min(CHUNK, end - start))];
    int filled = 0; // bytes[0, filled) are read and not yet handed out: a line's start
    long consumed = start; // file offset of bytes[0]
    long position = start;
    while (position < end) {
      if (filled == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2); // a line longer than the buffer
      }
      ByteBuffer into =
          ByteBuffer.wrap(bytes, filled, (int) Math.min(bytes.length - filled, end - position));
      int n = channel.read(into, position);
      if (n <= 0) {
        break;
      }
      position += n;
      int lineStart = 0;
      int stop = filled + n;
      for (int i = newline(bytes, filled, stop); i < stop; i = newline(bytes, i + 1, stop)) {
        sink.line(bytes, lineStart, i - lineStart, consumed + lineStart);
        lineStart = i + 1;
      }
      filled = stop - lineStart;
      consumed += lineStart;
      System.arraycopy(bytes, lineStart, bytes, 0, filled);
    }
    if (endEndsALine && position == end && filled > 0) {
      sink.line(bytes, 0, filled, consumed);
      consumed += filled;
    }
    return consumed;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  /**
   * The index of the first {@code '\n'} in {@code b[from, to)}, or {@code to}: eight bytes at a
   * time (a byte of {@code word ^ NEWLINES} is zero where a newline is; the classic "has a zero
   * byte" test finds it), since scanning for line ends is most of reading a log.
   */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return to;
  }

  /** The 16 bytes {@code {"type":"train",} as two little-endian longs. */
  private static final long TRAIN_PREFIX_0 = prefixWord("{\"type\":");

  private static final long TRAIN_PREFIX_1 = prefixWord("\"train\",");

  private static long prefixWord(String eight) {
    return (long) LONGS.get(eight.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
  }

  /** Files one line that starts at {@code fileOffset} in the log: deferred or parsed now. */
  private void readLine(byte[] bytes, int start, int length, long fileOffset) {
    if (length >= 16
        && (long) LONGS.get(bytes, start) == TRAIN_PREFIX_0
        && (long) LONGS.get(bytes, start + 8) == TRAIN_PREFIX_1) {
      if (deferred.size() == 0) {
        tables.computeIfAbsent("train", k -> new LogTable()); // keeps the first-seen order of types
      }
      deferred.add(fileOffset, length, records++);
      return;
    }
    if (deferred.size() > 0 && isTrain(bytes, start, length)) {
      deferred.add(fileOffset, length, records++); // a train line in another spelling: keep order
      return;
    }
    switch (parseLine(bytes, start, length, records, tables)) {
      case OK -> records++;
      case BAD -> badLines++;
      case BLANK -> {}
    }
  }

  /** Whether a line without the usual prefix is a train record (parsed into a scratch table). */
  private boolean isTrain(byte[] bytes, int start, int length) {
    Map<String, LogTable> scratch = new LinkedHashMap<>();
    return parseLine(bytes, start, length, 0, scratch) == Parsed.OK && scratch.containsKey("train");
  }

  private enum Parsed {
    OK,
    BAD,
    BLANK
  }

  /** Parses one line into its table in {@code into} as record number {@code index}. */
  private Parsed parseLine(
      byte[] bytes, int start, int length, int index, Map<String, LogTable> into) {
    int end = start + length;
    while (end > start && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) {
      end--;
    }
    if (end == start) {
      return Parsed.BLANK;
    }
    if (flat.parse(bytes, start, end) && addFlat(index, into)) {
      return Parsed.OK;
    }
    LogTable table = null;
    try (JsonParser p = JSON.createParser(bytes, start, end - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Parsed.BAD;
      }
      JsonToken t = p.nextToken();
      // the schema puts "type" first: the row goes straight into its table
      if (t == JsonToken.FIELD_NAME
          && p.currentName().equals("type")
          && p.nextToken() == JsonToken.VALUE_STRING) {
        table = into.computeIfAbsent(p.getText(), k -> new LogTable());
        table.addRow(index);
        t = p.nextToken();
      } else if (t == JsonToken.FIELD_NAME) {
        table = into.computeIfAbsent("record", k -> new LogTable());
        table.addRow(index);
        readValue(p, table, p.currentName()); // a record without a leading type
        t = p.nextToken();
      }
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        readValue(p, table, p.currentName());
      }
      if (table == null || p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IOException("not one JSON object");
      }
      return Parsed.OK;
    } catch (IOException e) {
      if (table != null) {
        table.removeLastRow();
      }
      return Parsed.BAD;
    }
  }

  /** Adds the line {@link #flat} parsed when it starts with its type, as the schema says. */
  private boolean addFlat(int index, Map<String, LogTable> into) {
    if (flat.count() == 0 || !flat.name(0).equals("type") || flat.kind(0) != FlatLogLine.STRING) {
      return false; // the general parser files it
    }
    LogTable table = into.computeIfAbsent(flat.string(0), k -> new LogTable());
    table.addRow(index);
    for (int i = 1; i < flat.count(); i++) {
      String name = flat.name(i);
      switch (flat.kind(i)) {
        case FlatLogLine.NUMBER -> table.put(i, name, flat.number(i));
        case FlatLogLine.TRUE, FlatLogLine.FALSE ->
            table.putOther(name, flat.kind(i) == FlatLogLine.TRUE);
        case FlatLogLine.STRING -> {
          Object value = nonFinite(flat.string(i));
          if (value instanceof Double d) {
            table.put(i, name, d);
          } else {
            table.putOther(name, value);
          }
        }
        default -> {} // null: the field stays absent
      }
    }
    return true;
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
    if (type.equals("train")) {
      parseDeferred();
    }
    return tables.get(type);
  }

  /**
   * The last record of one type as a table (one row, or more), or null when the log has none: what
   * the runs page needs, without parsing every deferred {@code train} line.
   */
  synchronized LogTable last(String type) {
    if (!type.equals("train") || deferred.size() == 0) {
      return tables.get(type);
    }
    Map<String, LogTable> one = new LinkedHashMap<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] line = new byte[deferred.lastLength()];
      if (readFully(channel, line, deferred.lastOffset()) == line.length
          && parseLine(line, 0, line.length, deferred.lastRecord(), one) == Parsed.OK
          && one.containsKey("train")) {
        return one.get("train");
      }
    } catch (IOException e) {
      // the file is being replaced: the whole table says what there is
    }
    return table(type);
  }

  /** Parses every deferred line, in order, into the {@code train} table. */
  private void parseDeferred() {
    if (deferred.size() == 0) {
      return;
    }
    int[] handled = {0};
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int s = 0; s < deferred.spans(); s++) {
        int first = deferred.firstRecord(s);
        int count = deferred.count(s);
        int before = handled[0];
        forEachLine(
            channel,
            deferred.start(s),
            deferred.end(s),
            true,
            (bytes, start, length, at) -> {
              int line = handled[0] - before;
              if (line < count) { // more lines than were seen: the file was rewritten under us
                handled[0]++;
                if (parseLine(bytes, start, length, first + line, tables) != Parsed.OK) {
                  badLines++;
                }
              }
            });
      }
    } catch (IOException e) {
      // the file went away: the next refresh starts over
    }
    badLines += deferred.size() - handled[0]; // lines that could not be read again
    deferred.clear();
  }

  /** Reads from {@code at} until {@code into} is full or the file ends; returns the bytes read. */
  private static int readFully(FileChannel channel, byte[] into, long at) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at + buffer.position());
      if (n <= 0) {
        break;
      }
    }
    return buffer.position();
  }

  /** The record types seen, in first-seen order. */
  synchronized List<String> types() {
    return List.copyOf(tables.keySet());
  }

  /** Record numbers handed out: the next record's number (a bad deferred line leaves a gap). */
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
    parseDeferred();
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
