package org.tinyformer.tokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.base.WriteErrors;

/**
 * Loads a BPE tokenizer from any supported layout, told apart by content: the project's JSON
 * ({@code "type": "bpe"}), a Hugging Face {@code tokenizer.json} ({@code "model"}), or a GPT-2
 * directory (or {@code encoder.json} beside {@code vocab.bpe}); saves in a named format.
 */
public final class BpeFiles {
  private BpeFiles() {}

  /** Loads the tokenizer at {@code path} (a file or a directory). */
  public static BpeTokenizer load(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      if (Files.exists(path.resolve(Gpt2BpeFiles.ENCODER))) {
        return Gpt2BpeFiles.load(path);
      }
      if (Files.exists(path.resolve("tokenizer.json"))) {
        return load(path.resolve("tokenizer.json"));
      }
      throw new IllegalArgumentException(
          "bpe: directory " + path + " has neither encoder.json + vocab.bpe nor tokenizer.json");
    }
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(path.toString());
    }
    Path merges = path.resolveSibling(Gpt2BpeFiles.MERGES);
    if (path.getFileName().toString().equals(Gpt2BpeFiles.ENCODER) && Files.exists(merges)) {
      return Gpt2BpeFiles.load(path, merges);
    }
    JsonNode root = TokenizerFiles.readJson(path);
    if (root.has("type")) {
      return BpeJson.fromJson(root, path.toString());
    }
    if (root.has("model")) {
      return HuggingFaceTokenizerJson.fromJson(root, path.toString());
    }
    throw new IllegalArgumentException(
        "bpe: "
            + path
            + " is neither a tinyformer bpe json (\"type\": \"bpe\") nor a tokenizer.json");
  }

  /**
   * Saves in {@code format}: {@code tinyformer}, {@code huggingface} or {@code gpt2} (a directory).
   */
  public static void save(BpeTokenizer tokenizer, Path path, String format) throws IOException {
    try {
      switch (format) {
        case "tinyformer" -> BpeJson.save(tokenizer, path);
        case "huggingface", "hf" -> HuggingFaceTokenizerJson.save(tokenizer, path);
        case "gpt2" -> Gpt2BpeFiles.save(tokenizer, path);
        default ->
            throw new IllegalArgumentException(
                "bpe save: format must be tinyformer, huggingface or gpt2, got " + format);
      }
    } catch (IOException e) {
      throw WriteErrors.naming(path, e);
    }
  }
}
