package org.tinyformer.tokenizers;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.tinyformer.base.StrictUtf8;

/**
 * Reading the files a tokenizer is loaded from, with errors that name the file and what is wrong:
 * JSON parse errors with line and column, invalid UTF-8 with the byte offset, ids that are not
 * integers. Every loader goes through here.
 */
final class TokenizerFiles {
  /** The largest tokenizer file read (GPT-4's tokenizer.json is about 10 MB). */
  static final long MAX_BYTES = 1L << 30;

  /** Thread-safe once configured; one per JVM (a fresh mapper rebuilds its caches per file). */
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenizerFiles() {}

  /** The file's JSON; empty files, parse errors and oversized files are named errors. */
  static JsonNode readJson(Path path) throws IOException {
    String text = readText(path);
    if (text.isBlank()) {
      throw new IllegalArgumentException(path + ": the file is empty, expected JSON");
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String why = e.getOriginalMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(path + ": not valid JSON" + where + ": " + why, e);
    }
  }

  /** The file as strict UTF-8 text. */
  static String readText(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    long size = Files.size(path);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %,d bytes is larger than any tokenizer file (limit %,d)",
              path, size, MAX_BYTES));
    }
    return StrictUtf8.decode(Files.readAllBytes(path), path.toString());
  }

  /** The lines of a strict UTF-8 text file. */
  static List<String> readLines(Path path) throws IOException {
    return readText(path).lines().toList();
  }

  /** What a JSON node is, for messages: {@code an array}, {@code a string}, {@code nothing}. */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The id in {@code node} as an int: an integer JSON number, else an error naming the token. */
  static int id(JsonNode node, String token, String source) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: token '%s' has id %s; expected an integer id",
              source, token, node == null ? "null" : node.toString()));
    }
    return node.intValue();
  }
}
