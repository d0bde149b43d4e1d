package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.BlockSampler;
import org.tinyformer.data.TextCorpus;
import org.tinyformer.data.TokenStream;
import org.tinyformer.data.TrainValSplit;
import org.tinyformer.tokenizers.CharTokenizer;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * A UTF-8 text file, tokenized whole, split into a training head and a validation tail (nanoGPT's
 * 90/10), sampled as random (B, T) windows. The char tokenizer is fitted on the file, or a saved
 * one is reused (on resume, so the ids stay the same).
 */
public final class TextData implements TrainingData {
  private final Path path;
  private final Tokenizer tokenizer;
  private final TrainValSplit split;

  private TextData(Path path, Tokenizer tokenizer, TrainValSplit split) {
    this.path = path;
    this.tokenizer = tokenizer;
    this.split = split;
  }

  /** Reads {@code path}; {@code tokenizer} null fits a char tokenizer on the text. */
  public static TextData load(Path path, Tokenizer tokenizer, float valFraction)
      throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "data: file not found: " + path + " (pass a UTF-8 text file with --data FILE)");
    }
    String text = TextCorpus.read(path);
    Tokenizer t = tokenizer != null ? tokenizer : CharTokenizer.fit(text);
    TrainValSplit split = TrainValSplit.of(TokenStream.of(t.encode(text)), 1.0 - valFraction);
    return new TextData(path, t, split);
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int sequenceLength(int contextLength) {
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
    if (s.size() <= contextLength) {
      throw new IllegalArgumentException(
          String.format(
              "data: the %s part of %s has %d tokens, fewer than context_length + 1 = %d",
              part, path, s.size(), contextLength + 1));
    }
    return new BlockSampler(s, batchSize, contextLength, seed);
  }

  @Override
  public String describe() {
    return String.format(
        "%s: %,d train + %,d val tokens, %s tokenizer with %d ids",
        path, split.train().size(), split.val().size(), tokenizer.type(), tokenizer.vocabSize());
  }
}
