package org.tinyformer.tokenizers;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Checks;

/**
 * The original GPT-2 tokenizer files: {@code encoder.json} (token string to id) and {@code
 * vocab.bpe} (a {@code #version} line, then one merge {@code a b} per line in rank order). {@code
 * <|endoftext|>} becomes a special token when the vocabulary has it.
 *
 * <p>{@code BpeTokenizer gpt2 = Gpt2BpeFiles.load(Path.of("../shared/data/gpt2"));}
 */
public final class Gpt2BpeFiles {
  public static final String ENCODER = "encoder.json";
  public static final String MERGES = "vocab.bpe";
  public static final String END_OF_TEXT = "<|endoftext|>";

  private Gpt2BpeFiles() {}

  /** Loads {@code encoder.json} and {@code vocab.bpe} from {@code dir} with the GPT-2 pattern. */
  public static BpeTokenizer load(Path dir) throws IOException {
    return load(dir.resolve(ENCODER), dir.resolve(MERGES));
  }

  /** Loads the pair of files with the GPT-2 pre-tokenizer. */
  public static BpeTokenizer load(Path encoderJson, Path vocabBpe) throws IOException {
    String source = encoderJson.toString();
    JsonNode root = TokenizerFiles.readJson(encoderJson);
    Checks.check(
        root.isObject(),
        "%s: expected a JSON object mapping each token to its id, got %s",
        source,
        TokenizerFiles.kind(root));
    Map<String, Integer> vocab = new HashMap<>(root.size() * 2);
    root.fields()
        .forEachRemaining(
            e -> vocab.put(e.getKey(), TokenizerFiles.id(e.getValue(), e.getKey(), source)));
    List<String[]> merges = new ArrayList<>();
    for (String line : TokenizerFiles.readLines(vocabBpe)) {
      if (line.isEmpty() || (merges.isEmpty() && line.startsWith("#version"))) {
        continue;
      }
      merges.add(BpeVocabStrings.splitMerge(line, merges.size(), vocabBpe.toString()));
    }
    Map<String, Integer> specials = new LinkedHashMap<>();
    if (vocab.containsKey(END_OF_TEXT)) {
      specials.put(END_OF_TEXT, vocab.get(END_OF_TEXT));
    }
    return BpeVocabStrings.toTokenizer(
        vocab, merges, specials, PreTokenizer.gpt2(), source, vocabBpe.toString(), true);
  }

  /** Writes {@code encoder.json} and {@code vocab.bpe} into {@code dir} (created if missing). */
  public static void save(BpeTokenizer tokenizer, Path dir) throws IOException {
    Checks.check(
        tokenizer.preTokenizer().regex().equals(PreTokenizer.GPT2_PATTERN),
        "gpt2 files: only the gpt2 pre-tokenizer can be saved in this format, got %s",
        tokenizer.preTokenizer());
    Files.createDirectories(dir);
    String[] tokens = BpeVocabStrings.tokens(tokenizer);
    try (JsonGenerator g =
        new ObjectMapper()
            .getFactory()
            .createGenerator(
                dir.resolve(ENCODER).toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      g.writeStartObject();
      for (int id = 0; id < tokens.length; id++) {
        g.writeNumberField(tokens[id], id);
      }
      g.writeEndObject();
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve(MERGES), StandardCharsets.UTF_8)) {
      w.write("#version: 0.2\n");
      for (String[] m : BpeVocabStrings.merges(tokenizer, tokens)) {
        w.write(m[0] + " " + m[1] + "\n");
      }
    }
  }
}
