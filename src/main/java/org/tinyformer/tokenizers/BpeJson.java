package org.tinyformer.tokenizers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;

/**
 * The project's own BPE file: {@code {"type": "bpe", "version": 1, "pattern": regex, "vocab":
 * [token by id], "merges": ["a b", ...], "specialTokens": {text: id}}}, tokens in the byte-level
 * alphabet like GPT-2's files.
 */
public final class BpeJson {
  public static final int VERSION = 1;

  private BpeJson() {}

  /** Writes {@code tokenizer} to {@code path}. */
  public static void save(BpeTokenizer tokenizer, Path path) throws IOException {
    String[] tokens = BpeVocabStrings.tokens(tokenizer);
    try (JsonGenerator g =
        new ObjectMapper().getFactory().createGenerator(path.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", BpeTokenizer.TYPE);
      g.writeNumberField("version", VERSION);
      g.writeStringField("pattern", tokenizer.preTokenizer().regex());
      g.writeArrayFieldStart("vocab");
      for (String token : tokens) {
        g.writeString(token);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("merges");
      for (String[] m : BpeVocabStrings.merges(tokenizer, tokens)) {
        g.writeString(m[0] + " " + m[1]);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("specialTokens");
      for (var e : tokenizer.specialTokens().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Reads a tokenizer written by {@link #save}. */
  public static BpeTokenizer load(Path path) throws IOException {
    return fromJson(TokenizerFiles.readJson(path), path.toString());
  }

  /** Reads the parsed JSON of a file written by {@link #save}. */
  public static BpeTokenizer fromJson(JsonNode root, String source) {
    Checks.check(
        BpeTokenizer.TYPE.equals(root.path("type").asText()),
        "%s: expected \"type\": \"bpe\", got %s",
        source,
        root.path("type"));
    Checks.check(
        root.path("version").asInt() == VERSION,
        "%s: expected version %d, got %s",
        source,
        VERSION,
        root.path("version"));
    Map<String, Integer> specials = new LinkedHashMap<>();
    root.path("specialTokens")
        .fields()
        .forEachRemaining(
            e -> specials.put(e.getKey(), TokenizerFiles.id(e.getValue(), e.getKey(), source)));
    Map<Integer, String> specialById = new HashMap<>();
    specials.forEach((text, id) -> specialById.put(id, text));
    JsonNode tokens = root.path("vocab");
    Checks.check(
        tokens.isArray(),
        "%s: \"vocab\" must be an array of token strings, got %s",
        source,
        TokenizerFiles.kind(tokens));
    Map<String, Integer> vocab = new HashMap<>();
    for (int id = 0; id < tokens.size(); id++) {
      Checks.check(
          tokens.get(id).isTextual(),
          "%s: vocab entry %d is not a string: %s",
          source,
          id,
          tokens.get(id));
      if (!specialById.containsKey(id)) {
        vocab.put(tokens.get(id).asText(), id);
      }
    }
    List<String[]> merges = new ArrayList<>();
    for (JsonNode m : root.path("merges")) {
      Checks.check(m.isTextual(), "%s: merge %d is not a string: %s", source, merges.size(), m);
      merges.add(BpeVocabStrings.splitMerge(m.asText(), merges.size(), source));
    }
    String pattern = root.path("pattern").asText(PreTokenizer.GPT2_PATTERN);
    return BpeVocabStrings.toTokenizer(
        vocab, merges, specials, PreTokenizer.of(pattern), source, source, true);
  }
}
