package org.tinyformer.models;

import java.util.Map;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.data.Batch;
import org.tinyformer.tensor.Tensor;

/**
 * What the one trainer needs from any model (the GPTs of {@link LanguageModel}, the
 * encoder-decoder): forward and backward on a batch, the loss for evaluation, greedy completion for
 * task metrics, the random generators a checkpoint saves, and the architecture record that {@code
 * model.json} holds. Token ids are int[] of B rows, row-major; target -1 is ignored.
 *
 * <p>{@code float loss = model.forwardBackward(batch); optimizer.step();}
 */
public interface TrainableModel {
  /** The architecture ({@link GptConfig} or the encoder-decoder's config), saved with weights. */
  Record config();

  /** Number of token ids (V). */
  int vocabSize();

  /** Longest sequence the model reads. */
  int contextLength();

  /** Trainable tensors by key ({@code blocks.0.attn.qkv.weight}); optimizers update these. */
  Map<String, Tensor> parameters();

  /** Training mode (dropout on) or evaluation mode. */
  void setTraining(boolean training);

  /**
   * Forward and backward on one batch: accumulates into the parameters' gradients and returns the
   * mean cross-entropy over the targets that are not -1.
   */
  float forwardBackward(Batch batch);

  /** Mean cross-entropy on one batch, without gradients. */
  float loss(Batch batch);

  /**
   * Greedy continuation, no gradients: each row of {@code prompts.inputs()} (equal lengths; with
   * the row's {@code source} for an encoder-decoder) is extended by the most likely token until
   * {@code endId} or {@code maxNew} tokens. Returns the new tokens of each row, without the end.
   */
  int[][] complete(Batch prompts, int maxNew, int endId);

  /**
   * Copies saved tensors into the parameters of the same key; every parameter must be there with
   * its shape (extra saved tensors are ignored). {@code source} names where they came from in
   * errors, e.g. {@code load parameters: runs/x/checkpoints/last/model.safetensors lacks
   * wte.weight}.
   */
  default void loadParameters(Map<String, Tensor> saved, String source) {
    for (Map.Entry<String, Tensor> e : parameters().entrySet()) {
      Tensor s = saved.get(e.getKey());
      Checks.check(s != null, "load parameters: %s lacks %s", source, e.getKey());
      Checks.check(
          s.shape().equals(e.getValue().shape()),
          "load parameters: %s has shape %s in %s but the model expects %s",
          e.getKey(),
          s.shape(),
          source,
          e.getValue().shape());
      System.arraycopy(s.data(), 0, e.getValue().data(), 0, s.numel());
    }
  }

  /** The random generators the model draws from while training (dropout), by role; saved. */
  default Map<String, Rng> randomGenerators() {
    return Map.of();
  }

  /** The attention weights of every layer on one batch (teacher-forced, no gradients). */
  default RecordedAttention recordAttention(Batch batch) {
    throw new IllegalArgumentException(
        "attention: a " + getClass().getSimpleName() + " does not report attention weights");
  }

  /** This model as a decoder-only language model (sampling, chat), when it is one. */
  default java.util.Optional<LanguageModel> languageModel() {
    return java.util.Optional.empty();
  }

  /**
   * One row per parameter, in order (module path, name, shape, count): the one parameter table
   * ({@code inspect}); a tied weight appears once.
   */
  default java.util.List<ParameterRow> parameterTable() {
    java.util.List<ParameterRow> rows = new java.util.ArrayList<>();
    parameters()
        .forEach(
            (key, t) -> {
              int dot = key.lastIndexOf('.');
              String module = dot < 0 ? "" : key.substring(0, dot);
              rows.add(new ParameterRow(module, key.substring(dot + 1), t.shape(), t.numel()));
            });
    return rows;
  }

  /** Number of trainable numbers, tied weights counted once: the one parameter count. */
  default long parameterCount() {
    return parameterTable().stream().mapToLong(ParameterRow::count).sum();
  }

  /**
   * Mixed precision: the matmul inputs (weights and activations, and gradients backward) rounded to
   * bfloat16, float32 sums, float32 master weights. Models without it refuse {@code on}.
   */
  default void useBf16Matmuls(boolean on) {
    if (on) {
      throw new IllegalArgumentException(
          "training.dtype bfloat16 is not supported by this model (use model.kind gpt or modern)");
    }
  }
}
