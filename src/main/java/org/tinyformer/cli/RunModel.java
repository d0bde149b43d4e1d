package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.training.TrainConfig;

/**
 * What {@code sample}, {@code chat}, {@code predict} and {@code inspect} need from a trained run:
 * the checkpoint that was read, the model kind, the model with its weights, and its tokenizer.
 */
record RunModel(Path checkpoint, String kind, LanguageModel model, Tokenizer tokenizer) {
  /**
   * Loads the last checkpoint of a run directory, or a checkpoint directory; an encoder-decoder
   * task run is refused with the commands that do use it.
   */
  static RunModel load(Path run) throws IOException {
    LoadedRun loaded = Checkpoint.load(run);
    if (loaded.model().languageModel().isEmpty()) {
      TrainConfig config = TrainConfig.parse(loaded.configYaml(), loaded.checkpoint().toString());
      if (config.isTask()) {
        throw new IllegalArgumentException(taskRun(run, config.task().name(), loaded.modelKind()));
      }
    }
    return new RunModel(
        loaded.checkpoint(), loaded.modelKind(), loaded.languageModel(), loaded.tokenizer());
  }

  private static String taskRun(Path run, String task, String kind) {
    String input = task.equals("add") ? "1 2 + 3 4" : "3 1 2";
    return String.format(
        "%s is a %s task run (model.kind %s, an encoder-decoder): it maps an input sequence to an"
            + " output sequence and does not continue a prompt, so sample, chat and predict cannot"
            + " use it; try: tinyformer attention --run %s --input \"%s\" (its output and"
            + " attention on one input) or tinyformer eval --run %s (held-out accuracy)",
        run, task, kind, run, input, run);
  }
}
