package org.tinyformer.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;

/**
 * Hugging Face {@code tokenizer.json} for byte-level BPE (GPT-2 style): model {@code BPE}, a {@code
 * ByteLevel} pre-tokenizer (or a regex {@code Split} followed by {@code ByteLevel}), added tokens
 * as special tokens. Merges load as {@code "a b"} strings or {@code ["a", "b"]} pairs.
 */
public final class HuggingFaceTokenizerJson {
  private HuggingFaceTokenizerJson() {}

  /** Reads a byte-level BPE {@code tokenizer.json}. */
  public static BpeTokenizer load(Path path) throws IOException {
    return fromJson(TokenizerFiles.readJson(path), path.toString());
  }

  /** Reads the parsed JSON of a byte-level BPE {@code tokenizer.json}. */
  public static BpeTokenizer fromJson(JsonNode root, String source) {
    JsonNode model = root.path("model");
    Checks.check(
        model.path("type").asText("BPE").equals("BPE"),
        "%s: expected a BPE model, got %s",
        source,
        model.path("type"));
    Checks.check(
        root.path("normalizer").isNull() || root.path("normalizer").isMissingNode(),
        "%s: normalizers are not supported, got %s",
        source,
        root.path("normalizer").path("type"));
    Checks.check(
        model.path("continuing_subword_prefix").asText("").isEmpty()
            && model.path("end_of_word_suffix").asText("").isEmpty()
            && !model.path("ignore_merges").asBoolean(false),
        "%s: only plain byte-level BPE is supported (no subword prefix/suffix, no ignore_merges)",
        source);
    JsonNode vocabNode = model.path("vocab");
    Checks.check(
        vocabNode.isObject(),
        "%s: model.vocab must be an object of token -> id, got %s",
        source,
        TokenizerFiles.kind(vocabNode));
    Map<String, Integer> vocab = new LinkedHashMap<>();
    vocabNode
        .fields()
        .forEachRemaining(
            e -> vocab.put(e.getKey(), TokenizerFiles.id(e.getValue(), e.getKey(), source)));
    List<String[]> merges = new ArrayList<>();
    for (JsonNode m : model.path("merges")) {
      boolean pair = m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual();
      Checks.check(
          pair || m.isTextual(),
          "%s: merge %d must be \"a b\" or [\"a\", \"b\"], got %s",
          source,
          merges.size(),
          m);
      merges.add(
          pair
              ? new String[] {m.get(0).asText(), m.get(1).asText()}
              : BpeVocabStrings.splitMerge(m.asText(), merges.size(), source));
    }
    Map<String, Integer> specials = new LinkedHashMap<>();
    for (JsonNode t : root.path("added_tokens")) {
      Checks.check(
          t.path("content").isTextual(), "%s: added token %s has no \"content\" string", source, t);
      String content = t.get("content").asText();
      specials.put(content, TokenizerFiles.id(t.get("id"), content, source));
    }
    PreTokenizer pre = preTokenizer(root.path("pre_tokenizer"), source);
    return BpeVocabStrings.toTokenizer(vocab, merges, specials, pre, source, source, false);
  }

  private static PreTokenizer preTokenizer(JsonNode node, String source) {
    String type = node.path("type").asText();
    if (type.equals("ByteLevel")) {
      checkNoPrefixSpace(node, source);
      Checks.check(
          node.path("use_regex").asBoolean(true),
          "%s: a ByteLevel pre-tokenizer without regex is only supported after a Split",
          source);
      return PreTokenizer.gpt2();
    }
    if (type.equals("Sequence") && node.path("pretokenizers").size() == 2) {
      JsonNode split = node.path("pretokenizers").get(0);
      JsonNode byteLevel = node.path("pretokenizers").get(1);
      JsonNode pattern = split.path("pattern").path("Regex");
      if (split.path("type").asText().equals("Split")
          && pattern.isTextual()
          && split.path("behavior").asText().equals("Isolated")
          && !split.path("invert").asBoolean(false)
          && byteLevel.path("type").asText().equals("ByteLevel")
          && !byteLevel.path("use_regex").asBoolean(true)) {
        checkNoPrefixSpace(byteLevel, source);
        return PreTokenizer.of(pattern.asText());
      }
    }
    throw new IllegalArgumentException(
        source
            + ": unsupported pre_tokenizer "
            + node
            + "; expected ByteLevel, or Split then ByteLevel");
  }

  private static void checkNoPrefixSpace(JsonNode byteLevel, String source) {
    Checks.check(
        !byteLevel.path("add_prefix_space").asBoolean(false),
        "%s: add_prefix_space=true is not supported",
        source);
  }

  /** Writes {@code tokenizer} as a Hugging Face {@code tokenizer.json}. */
  public static void save(BpeTokenizer tokenizer, Path path) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    mapper.writeValue(path.toFile(), toJson(tokenizer, mapper));
  }

  static ObjectNode toJson(BpeTokenizer tokenizer, ObjectMapper mapper) {
    String[] tokens = BpeVocabStrings.tokens(tokenizer);
    ObjectNode root = mapper.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    tokenizer
        .specialTokens()
        .forEach(
            (text, id) -> {
              ObjectNode t = added.addObject();
              t.put("id", id).put("content", text).put("single_word", false).put("lstrip", false);
              t.put("rstrip", false).put("normalized", false).put("special", true);
            });
    root.putNull("normalizer");
    boolean gpt2 = tokenizer.preTokenizer().regex().equals(PreTokenizer.GPT2_PATTERN);
    if (gpt2) {
      root.set("pre_tokenizer", byteLevel(mapper, true));
    } else {
      ObjectNode seq = root.putObject("pre_tokenizer").put("type", "Sequence");
      ObjectNode split = seq.putArray("pretokenizers").addObject().put("type", "Split");
      split.putObject("pattern").put("Regex", tokenizer.preTokenizer().regex());
      split.put("behavior", "Isolated").put("invert", false);
      ((ArrayNode) seq.get("pretokenizers")).add(byteLevel(mapper, false));
    }
    root.set("post_processor", byteLevel(mapper, true).put("trim_offsets", false));
    root.set("decoder", byteLevel(mapper, true));
    ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "");
    model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < tokens.length; id++) {
      vocab.put(tokens[id], id);
    }
    ArrayNode merges = model.putArray("merges");
    for (String[] m : BpeVocabStrings.merges(tokenizer, tokens)) {
      merges.addArray().add(m[0]).add(m[1]);
    }
    return root;
  }

  private static ObjectNode byteLevel(ObjectMapper mapper, boolean useRegex) {
    ObjectNode n = mapper.createObjectNode().put("type", "ByteLevel");
    return n.put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", useRegex);
  }
}
