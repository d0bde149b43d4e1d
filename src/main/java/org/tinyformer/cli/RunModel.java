package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * What {@code sample}, {@code chat}, {@code predict} and {@code inspect} need from a trained run:
 * the checkpoint that was read, the model kind, the model with its weights, and its tokenizer.
 */
record RunModel(Path checkpoint, String kind, LanguageModel model, Tokenizer tokenizer) {
  /** Loads the last checkpoint of a run directory, or a checkpoint directory. */
  static RunModel load(Path run) throws IOException {
    // io.Checkpoint (the training engineer's) has not landed yet; this becomes
    // Checkpoint.load(run) mapped onto the four fields when it does.
    throw new IllegalStateException(
        "cannot load " + run + ": checkpoint loading (io.Checkpoint) is not in this build yet");
  }
}
