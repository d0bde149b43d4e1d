package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * What {@code sample}, {@code chat}, {@code predict} and {@code inspect} need from a trained run:
 * the checkpoint that was read, the model kind, the model with its weights, and its tokenizer.
 */
record RunModel(Path checkpoint, String kind, LanguageModel model, Tokenizer tokenizer) {
  /** Loads the last checkpoint of a run directory, or a checkpoint directory. */
  static RunModel load(Path run) throws IOException {
    LoadedRun loaded = Checkpoint.load(run);
    return new RunModel(
        loaded.checkpoint(), loaded.modelKind(), loaded.languageModel(), loaded.tokenizer());
  }
}
