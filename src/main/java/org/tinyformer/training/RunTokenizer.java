package org.tinyformer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tinyformer.tokenizers.BpeFiles;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.BpeTrainer;
import org.tinyformer.tokenizers.CharTokenizer;
import org.tinyformer.tokenizers.PreTokenizer;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.tokenizers.Tokenizers;
import org.tinyformer.tokenizers.WordTokenizer;

/**
 * The tokenizer a run uses, with a note on where it came from: the checkpoint's (on resume and
 * eval), the file at {@code data.tokenizer_file}, or one fitted on the training text (char, word,
 * or byte-level BPE trained with {@link BpeTrainer}, timed).
 *
 * <p>{@code RunTokenizer t = RunTokenizer.forText(config.data(), text, null);}
 */
public record RunTokenizer(Tokenizer tokenizer, String note) {
  private static final int THREADS = Runtime.getRuntime().availableProcessors();

  /** {@code given} when not null, else {@code data.tokenizer_file}, else fitted on {@code text}. */
  public static RunTokenizer forText(DataSettings d, String text, Tokenizer given)
      throws IOException {
    if (given != null) {
      return new RunTokenizer(given, "the run's tokenizer");
    }
    if (d.hasTokenizerFile()) {
      return fromFile(Path.of(d.tokenizerFile()));
    }
    long start = System.nanoTime();
    Tokenizer t =
        switch (d.tokenizer()) {
          case "word" -> WordTokenizer.fit(List.of(text), 1, d.vocabSize());
          case "bpe" ->
              BpeTrainer.train(
                  text,
                  d.vocabSize(),
                  PreTokenizer.of(d.bpePattern()),
                  List.of(DataSettings.END_OF_TEXT),
                  THREADS);
          default -> CharTokenizer.fit(text);
        };
    // vocab_size caps the char vocabulary as it caps the word one: never silently ignored
    if (d.tokenizer().equals("char") && t.vocabSize() > d.vocabSize()) {
      throw new IllegalArgumentException(
          String.format(
              "data: the char tokenizer needs %d ids (one per distinct character of the text),"
                  + " more than data.vocab_size %d: raise data.vocab_size, or use data.tokenizer"
                  + " word or bpe for a vocabulary of a chosen size",
              t.vocabSize(), d.vocabSize()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String detail = d.tokenizer().equals("bpe") ? ", " + d.bpePattern() + " pattern" : "";
    return new RunTokenizer(
        t, String.format(Locale.ROOT, "fitted on the text in %.2f s%s", seconds, detail));
  }

  /** The tokenizer saved at {@code path}, in any format {@link #load} reads. */
  public static RunTokenizer fromFile(Path path) throws IOException {
    Tokenizer t = load(path);
    return new RunTokenizer(t, "from " + path);
  }

  /**
   * {@link #loadFile} for {@code data.tokenizer_file}: a missing path is a configuration error that
   * says which formats the setting takes.
   */
  public static Tokenizer load(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          "data: tokenizer file not found: "
              + path
              + " (data.tokenizer_file takes a tokenizer JSON, a tokenizer.json or a GPT-2"
              + " directory)");
    }
    return loadFile(path);
  }

  /**
   * Loads any saved tokenizer: a tinyformer JSON (char, word, bpe), a Hugging Face {@code
   * tokenizer.json}, or a GPT-2 directory with {@code encoder.json} and {@code vocab.bpe}. Throws
   * {@link NoSuchFileException} when {@code path} does not exist.
   */
  public static Tokenizer loadFile(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (Files.isDirectory(path) || path.getFileName().toString().equals("encoder.json")) {
      return BpeFiles.load(path);
    }
    if (new ObjectMapper().readTree(path.toFile()).has("model")) {
      return BpeFiles.load(path);
    }
    return Tokenizers.load(path);
  }

  /**
   * The ids of a training corpus: special-token text (such as {@code <|endoftext|>} between
   * stories) becomes its special id, and BPE encodes on every core.
   */
  public static int[] encodeCorpus(Tokenizer t, String text) {
    if (t instanceof BpeTokenizer bpe) {
      return bpe.withAllowSpecial(true).encodeParallel(text, THREADS);
    }
    return t.encode(text);
  }
}
