package org.tinyformer.training;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyformer.base.Rng;
import org.tinyformer.data.TokenShard;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.io.ModelFile;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.models.encdec.EncDecConfig;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Builds what a run config names: the training data (a sequence task such as the built-in
 * arithmetic, lines, a text file or a token shard) and a freshly initialised model sized to its
 * tokenizer.
 */
public final class RunSetup {
  private RunSetup() {}

  /**
   * The data of {@code config}: a sequence task, lines, a text file, or a {@code tokens.bin} shard
   * (told apart by its magic header). {@code tokenizer} (from a checkpoint) is reused when not
   * null, so a resumed or evaluated run keeps its token ids; else {@code data.tokenizer_file} is
   * loaded or the tokenizer is fitted on the text ({@link RunTokenizer}).
   */
  public static TrainingData data(TrainConfig config, Tokenizer tokenizer) throws IOException {
    DataSettings d = config.data();
    if (d.kind().equals("task")) {
      return new TaskData(config.task(), config.model());
    }
    if (d.kind().equals("lines") && d.path() != null && !d.path().isBlank()) {
      return LineData.load(d, tokenizer);
    }
    if (d.path() == null || d.path().isBlank()) {
      throw new IllegalArgumentException(
          "data: config '"
              + config.name()
              + "' trains on a text file but none was given; pass --data FILE (for Tiny Shakespeare:"
              + " tinyformer data download tinyshakespeare)");
    }
    Path path = Path.of(d.path());
    return TokenShard.isShard(path)
        ? TokenShardData.open(path, d, tokenizer)
        : TextData.load(path, d, tokenizer);
  }

  /**
   * The model {@code config} describes, for a vocabulary of {@code vocabSize} ids: its kind and
   * architecture record ({@link GptConfig}, or {@link EncDecConfig} for {@code encdec}).
   */
  public static ModelFile modelFile(TrainConfig config, int vocabSize) {
    ModelSettings m = config.model();
    if (m.encoderDecoder()) {
      return new ModelFile(
          m.kind(),
          new EncDecConfig(
              vocabSize,
              m.contextLength(),
              m.numLayers(),
              m.numHeads(),
              m.embedDim(),
              m.dropout(),
              EncDecConfig.Positions.parse(m.positions()),
              TaskVocabulary.PAD));
    }
    return new ModelFile(
        m.kind(),
        new GptConfig(
            vocabSize,
            m.contextLength(),
            m.numLayers(),
            m.numHeads(),
            m.embedDim(),
            m.dropout(),
            m.bias(),
            GptConfig.Norm.LAYER,
            GptConfig.Positions.LEARNED,
            GptConfig.MlpKind.GELU));
  }

  /** A new model, initialised from the run's seed. */
  public static TrainableModel model(TrainConfig config, int vocabSize) {
    ModelFile file = modelFile(config, vocabSize);
    checkFitsHeap(config.model(), file.parameterCount(), Runtime.getRuntime().maxMemory());
    return file.create(new Rng(config.training().seed()));
  }

  /**
   * Refuses, before anything is allocated, a model whose float32 weights, gradients and two AdamW
   * moments (16 bytes a parameter, activations not counted) exceed the Java heap.
   */
  static void checkFitsHeap(ModelSettings m, long params, long heapBytes) {
    double needGb = 16.0 * params / (1L << 30);
    if (16.0 * params > heapBytes) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "model: %s with %d layers of width %d has %,d parameters; training it needs about"
                  + " %.1f GB (float32 weights, gradients and two AdamW moments, activations not"
                  + " counted), more than the %.1f GB Java heap: make the model smaller or give"
                  + " Java more heap with TINYFORMER_JAVA_OPTS=-Xmx<size>",
              m.kind(),
              m.numLayers(),
              m.embedDim(),
              params,
              needGb,
              heapBytes / (double) (1L << 30)));
    }
  }
}
