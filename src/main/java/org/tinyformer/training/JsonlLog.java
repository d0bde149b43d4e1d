package org.tinyformer.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.WriteErrors;

/**
 * The run's {@code log.jsonl}: one JSON object per line, flushed as written. The schema is in
 * {@code docs/log-format.md}. On resume from step N, records after step N (written before the
 * crash, then lost with the model state) are dropped first, so the log reads as one straight run.
 */
public final class JsonlLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final BufferedWriter writer;

  private JsonlLog(Path file, BufferedWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /** A new, empty log (an existing file is replaced). */
  public static JsonlLog create(Path file) throws IOException {
    return new JsonlLog(
        file,
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE));
  }

  /**
   * Appends to {@code file}, after dropping the records whose step is greater than {@code step}.
   */
  public static JsonlLog resume(Path file, long step) throws IOException {
    if (Files.exists(file)) {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && stepOf(line) <= step) {
          kept.add(line);
        }
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, kept, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return new JsonlLog(
        file,
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  private static long stepOf(String line) {
    try {
      var node = JSON.readTree(line);
      return node.has("step") ? node.get("step").asLong() : Long.MAX_VALUE;
    } catch (JsonProcessingException e) {
      return Long.MAX_VALUE; // a line torn by the crash
    }
  }

  /** Writes one record; {@code type} comes first, then the fields in the given order. */
  public void write(String type, Map<String, ?> fields) throws IOException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("type", type);
    record.putAll(fields);
    try {
      writer.write(JSON.writeValueAsString(record));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw WriteErrors.naming(file, e);
    }
  }

  /** Reads every record of a log file (for eval, plots and tests). */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> read(Path file) throws IOException {
    List<Map<String, Object>> records = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        records.add(JSON.readValue(line, LinkedHashMap.class));
      }
    }
    return records;
  }

  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } catch (IOException e) {
      throw WriteErrors.naming(file, e);
    }
  }
}
