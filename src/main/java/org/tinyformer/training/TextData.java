package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.BlockSampler;
import org.tinyformer.data.TextCorpus;
import org.tinyformer.data.TokenStream;
import org.tinyformer.data.TrainValSplit;
import org.tinyformer.data.shards.ShardIndex;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * A token sequence split into a training head and a validation tail (nanoGPT's 90/10), sampled as
 * random (B, T) windows: a UTF-8 text file tokenized whole (by a tokenizer fitted on it, or a saved
 * one reused on resume so the ids stay the same), or a memory-mapped {@code tokens.bin} shard
 * ({@link TokenShardData}).
 */
public final class TextData implements TrainingData {
  private final Path path;
  private final Tokenizer tokenizer;
  private final TrainValSplit split;
  private final String note;

  TextData(Path path, Tokenizer tokenizer, TrainValSplit split, String note) {
    this.path = path;
    this.tokenizer = tokenizer;
    this.split = split;
    this.note = note;
  }

  /** Reads {@code path}; {@code tokenizer} null fits a char tokenizer on the text. */
  public static TextData load(Path path, Tokenizer tokenizer, float valFraction)
      throws IOException {
    DataSettings d = DataSettings.DEFAULTS;
    return load(
        path,
        new DataSettings(
            "text", path.toString(), "char", d.vocabSize(), d.bpePattern(), null, valFraction),
        tokenizer);
  }

  /**
   * Reads {@code path} and tokenizes it with {@code tokenizer} when not null, else with the
   * tokenizer {@code d} names (a file, or fitted on the text: {@link RunTokenizer#forText}).
   */
  public static TextData load(Path path, DataSettings d, Tokenizer tokenizer) throws IOException {
    if (ShardIndex.isShardDirectory(path)) {
      return TokenShardData.openDirectory(path, d, tokenizer);
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "data: "
              + path
              + " is a directory without index.json; write token shards into it with"
              + " 'tinyformer tokenizer pretokenize --out "
              + path
              + "'");
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "data: file not found: "
              + path
              + " (pass a UTF-8 text file or a tokens.bin shard with --data FILE)");
    }
    String text = TextCorpus.read(path);
    RunTokenizer t = RunTokenizer.forText(d, text, tokenizer);
    long start = System.nanoTime();
    int[] ids = RunTokenizer.encodeCorpus(t.tokenizer(), text);
    double seconds = (System.nanoTime() - start) / 1e9;
    TrainValSplit split = TrainValSplit.of(TokenStream.of(ids), 1.0 - d.valFraction());
    String note = String.format(Locale.ROOT, "%s; encoded in %.2f s", t.note(), seconds);
    return new TextData(path, t.tokenizer(), split, note);
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int sequenceLength(int contextLength) {
    // both parts are checked when the trainer is built, not at the first evaluation
    checkFits(split.train(), contextLength, "training");
    checkFits(split.val(), contextLength, "validation");
    return contextLength;
  }

  @Override
  public BatchSource trainBatches(int batchSize, int contextLength, long seed) {
    return sampler(split.train(), batchSize, contextLength, seed, "training");
  }

  @Override
  public BatchSource evalBatches(boolean validation, int batchSize, int contextLength, long seed) {
    return validation
        ? sampler(split.val(), batchSize, contextLength, seed, "validation")
        : sampler(split.train(), batchSize, contextLength, seed, "training");
  }

  private BatchSource sampler(
      TokenStream s, int batchSize, int contextLength, long seed, String part) {
    checkFits(s, contextLength, part);
    return new BlockSampler(s, batchSize, contextLength, seed);
  }

  private void checkFits(TokenStream s, int contextLength, String part) {
    if (s.size() <= contextLength) {
      throw new IllegalArgumentException(
          String.format(
              "data: the %s part of %s has %d tokens, fewer than context_length + 1 = %d: %s",
              part,
              path,
              s.size(),
              contextLength + 1,
              part.equals("validation")
                  ? "raise data.val_fraction or lower model.context_length"
                  : "give more text or lower model.context_length"));
    }
  }

  @Override
  public String describe() {
    return String.format(
        "%s: %,d train + %,d val tokens, %s tokenizer with %d ids (%s)",
        path,
        split.train().size(),
        split.val().size(),
        tokenizer.type(),
        tokenizer.vocabSize(),
        note);
  }
}
