package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyformer.base.Rng;
import org.tinyformer.data.TokenShard;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.Models;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Builds what a run config names: the training data (the built-in arithmetic task, a text file or a
 * token shard) and a freshly initialised model sized to its tokenizer.
 */
public final class RunSetup {
  private RunSetup() {}

  /**
   * The data of {@code config}: the arithmetic task, a text file, or a {@code tokens.bin} shard
   * (told apart by its magic header). {@code tokenizer} (from a checkpoint) is reused when not
   * null, so a resumed or evaluated run keeps its token ids; else {@code data.tokenizer_file} is
   * loaded or the tokenizer is fitted on the text ({@link RunTokenizer}).
   */
  public static TrainingData data(TrainConfig config, Tokenizer tokenizer) throws IOException {
    DataSettings d = config.data();
    if (d.kind().equals("arithmetic")) {
      return ArithmeticData.of(d, config.training().seed());
    }
    if (d.path() == null || d.path().isBlank()) {
      throw new IllegalArgumentException(
          "data: config '"
              + config.name()
              + "' trains on a text file but none was given; pass --data FILE (for Tiny Shakespeare:"
              + " tinyformer data download shakespeare)");
    }
    Path path = Path.of(d.path());
    return TokenShard.isShard(path)
        ? TokenShardData.open(path, d, tokenizer)
        : TextData.load(path, d, tokenizer);
  }

  /** The model architecture of {@code config} for a vocabulary of {@code vocabSize} ids. */
  public static GptConfig modelConfig(TrainConfig config, int vocabSize) {
    ModelSettings m = config.model();
    return new GptConfig(
        vocabSize,
        m.contextLength(),
        m.numLayers(),
        m.numHeads(),
        m.embedDim(),
        m.dropout(),
        m.bias(),
        GptConfig.Norm.LAYER,
        GptConfig.Positions.LEARNED,
        GptConfig.MlpKind.GELU);
  }

  /** A new model, initialised from the run's seed. */
  public static LanguageModel model(TrainConfig config, int vocabSize) {
    return Models.create(
        config.model().kind(), modelConfig(config, vocabSize), new Rng(config.training().seed()));
  }
}
