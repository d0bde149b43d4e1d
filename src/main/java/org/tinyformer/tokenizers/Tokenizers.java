package org.tinyformer.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads any saved tokenizer, dispatching on the JSON's {@code "type"} field. Usage: {@code
 * Tokenizer t = Tokenizers.load(runDir.resolve("tokenizer.json"));}
 */
public final class Tokenizers {
  private Tokenizers() {}

  /** The tokenizer saved at {@code path} by {@link Tokenizer#save(Path)}. */
  public static Tokenizer load(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    JsonNode root = TokenizerFiles.readJson(path);
    String type = root == null ? "" : root.path("type").asText("");
    return switch (type) {
      case "char" -> CharTokenizer.fromJson(root, path);
      case "word" -> WordTokenizer.fromJson(root, path);
      case "bpe" -> BpeJson.fromJson(root, path.toString());
      default ->
          throw new IllegalArgumentException(
              "tokenizer: "
                  + path
                  + " has type '"
                  + type
                  + "', expected one of char, word, bpe; save it with Tokenizer.save");
    };
  }
}
