package org.tinyformer.io;

import java.nio.file.Path;
import java.util.Map;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.tensor.Tensor;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * A checkpoint read back by {@link Checkpoint#load}: the model with its weights, its tokenizer, the
 * resolved run config (YAML), and for resuming the optimizer buffers and training state.
 *
 * @param checkpoint the checkpoint directory that was read
 * @param modelKind {@code gpt}, {@code modern}, {@code handwritten} or {@code encdec}
 * @param configYaml the resolved run config saved with the checkpoint
 * @param optimizerState optimizer buffers by name (empty when none were saved)
 */
public record LoadedRun(
    Path checkpoint,
    String modelKind,
    TrainableModel model,
    Tokenizer tokenizer,
    String configYaml,
    Map<String, Tensor> optimizerState,
    TrainingState state) {

  /**
   * The model as a decoder-only language model, for sampling, chat and next-token tables; an
   * encoder-decoder checkpoint is an error naming it.
   */
  public LanguageModel languageModel() {
    return model
        .languageModel()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "checkpoint: "
                        + checkpoint
                        + " holds a "
                        + modelKind
                        + " model, not a decoder-only language model; sample, chat and predict"
                        + " need a gpt, modern or handwritten run"));
  }
}
