package org.tinyformer.data.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tinyformer.base.StrictUtf8;

/**
 * A bounded run of bytes of one corpus file, cut where splitting cannot change the tokens (before a
 * space that follows a printable character in text, after a newline in JSONL), with the position it
 * starts at. {@link #documents} decodes it on a worker thread: text becomes one document (whole
 * only when the piece ends the file), JSONL one document per non-blank line.
 */
public record CorpusPiece(
    Path file,
    CorpusFormat format,
    byte[] bytes,
    CorpusPosition start,
    boolean endsFile,
    boolean replaceInvalid) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether the piece's last document ends inside it (JSONL lines always do). */
  public boolean endsDocument() {
    return format == CorpusFormat.JSONL || endsFile;
  }

  /**
   * The documents' texts: UTF-8, strict (an error naming the file and offset) unless {@code
   * replaceInvalid} (U+FFFD); for JSONL the string in {@code textField} of each line.
   */
  public List<String> documents(String textField) {
    return format == CorpusFormat.JSONL ? jsonDocuments(textField) : List.of(text());
  }

  private String text() {
    String s = StrictUtf8.decodeReplacing(bytes);
    if (!replaceInvalid && s.indexOf('\uFFFD') >= 0) {
      // the fast decoder replaced something (or the text holds U+FFFD): the strict one decides
      return StrictUtf8.decode(
          bytes, "text corpus: " + file + " (piece at byte " + start.offset() + ")");
    }
    return s;
  }

  private List<String> jsonDocuments(String textField) {
    List<String> docs = new ArrayList<>();
    long line = start.line();
    int from = 0;
    while (from < bytes.length) {
      int end = from;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (!blank(from, end)) {
        docs.add(field(parse(from, end, line), textField, line));
      }
      from = end + 1;
      line++;
    }
    return docs;
  }

  private boolean blank(int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private JsonNode parse(int from, int end, long line) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes, from, end - from);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          String.format(
              "jsonl %s: line %d is not valid JSON: %s", file, line, e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          String.format("jsonl %s: line %d cannot be read: %s", file, line, e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          String.format(
              "jsonl %s: line %d is %s, expected a JSON object per line",
              file,
              line,
              node == null
                  ? "empty"
                  : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return node;
  }

  private String field(JsonNode node, String textField, long line) {
    JsonNode value = node.get(textField);
    if (value == null) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      throw new IllegalArgumentException(
          String.format(
              "jsonl %s: line %d has no field '%s' (its fields: %s); name the text field with"
                  + " --text-field",
              file, line, textField, String.join(", ", names)));
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          String.format(
              "jsonl %s: line %d: field '%s' is a %s, expected a string",
              file,
              line,
              textField,
              value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return value.textValue();
  }
}
