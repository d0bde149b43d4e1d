package org.tinyformer.io.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tinyformer.base.WriteErrors;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.Gpt2BpeFiles;
import org.tinyformer.tokenizers.HuggingFaceTokenizerJson;
import org.tinyformer.tokenizers.PreTokenizer;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.tokenizers.Tokenizers;

/**
 * Tokenizer files of a Hugging Face model directory: {@code tokenizer.json} (byte-level BPE), or
 * GPT-2's {@code vocab.json} + {@code merges.txt}. Our character and word tokenizers have no
 * Hugging Face equivalent we can vouch for; they travel as {@code tinyformer_tokenizer.json} (our
 * format) beside the model and come back from it.
 */
final class HfTokenizerFiles {
  static final String TOKENIZER_JSON = "tokenizer.json";
  static final String VOCAB_JSON = "vocab.json";
  static final String MERGES_TXT = "merges.txt";
  static final String OURS = "tinyformer_tokenizer.json";

  private HfTokenizerFiles() {}

  /** The tokenizer of a model directory, in the order: ours, tokenizer.json, vocab + merges. */
  static Tokenizer load(Path dir) throws IOException {
    if (Files.exists(dir.resolve(OURS))) {
      return Tokenizers.load(dir.resolve(OURS));
    }
    if (Files.exists(dir.resolve(TOKENIZER_JSON))) {
      return HuggingFaceTokenizerJson.load(dir.resolve(TOKENIZER_JSON));
    }
    Path vocab = dir.resolve(VOCAB_JSON);
    Path merges = dir.resolve(MERGES_TXT);
    if (Files.exists(vocab) && Files.exists(merges)) {
      return Gpt2BpeFiles.load(vocab, merges);
    }
    throw new IllegalArgumentException(
        "hf import: "
            + dir
            + " has no tokenizer (expected tokenizer.json, or vocab.json and merges.txt)");
  }

  /**
   * Writes the tokenizer files for {@code transformers}: tokenizer.json, vocab.json + merges.txt
   * (GPT-2 pattern) and tokenizer_config.json for byte-level BPE; ours otherwise.
   */
  static void save(Tokenizer tokenizer, Path dir, int contextLength) throws IOException {
    if (!(tokenizer instanceof BpeTokenizer bpe)) {
      WriteErrors.writing(dir.resolve(OURS), () -> tokenizer.save(dir.resolve(OURS)));
      return;
    }
    Path tokenizerJson = dir.resolve(TOKENIZER_JSON);
    WriteErrors.writing(tokenizerJson, () -> HuggingFaceTokenizerJson.save(bpe, tokenizerJson));
    boolean gpt2 = bpe.preTokenizer().regex().equals(PreTokenizer.GPT2_PATTERN);
    if (gpt2) {
      Path tmp = Files.createTempDirectory(dir, ".gpt2-files");
      WriteErrors.writing(dir, () -> Gpt2BpeFiles.save(bpe, tmp)); // vocab.json and merges.txt
      Files.move(tmp.resolve(Gpt2BpeFiles.ENCODER), dir.resolve(VOCAB_JSON));
      Files.move(
          tmp.resolve(Gpt2BpeFiles.MERGES),
          dir.resolve(MERGES_TXT),
          StandardCopyOption.REPLACE_EXISTING);
      Files.delete(tmp);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode config = json.createObjectNode();
    config.put("tokenizer_class", gpt2 ? "GPT2Tokenizer" : "PreTrainedTokenizerFast");
    config.put("model_max_length", contextLength);
    config.put("add_prefix_space", false);
    Integer eot = bpe.specialTokens().get(Gpt2BpeFiles.END_OF_TEXT);
    if (eot != null) {
      for (String role : new String[] {"bos_token", "eos_token", "unk_token"}) {
        config.put(role, Gpt2BpeFiles.END_OF_TEXT);
      }
    }
    Path tokenizerConfig = dir.resolve("tokenizer_config.json");
    WriteErrors.writing(tokenizerConfig, () -> json.writeValue(tokenizerConfig.toFile(), config));
  }

  /** The id of {@code <|endoftext|>}, or -1 when the tokenizer has none. */
  static int endOfText(Tokenizer tokenizer) {
    Integer id = tokenizer.specialTokens().get(Gpt2BpeFiles.END_OF_TEXT);
    return id == null ? -1 : id;
  }
}
