package org.tinyformer.training;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;

/**
 * The child JVM of {@link CheckpointCrashTest}: trains the bigram model (with bulky filler weights)
 * in {@code args[0]} on the text file {@code args[1]}, checkpointing every step, resuming when the
 * run directory already has a checkpoint. Prints {@code step N/M} after each step.
 */
public final class CrashChild {
  private CrashChild() {}

  static final int LAYERS = 9; // 8 * 512 filler rows of 1024 floats: 16 MiB per tensor

  public static void main(String[] args) throws Exception {
    Path runDir = Path.of(args[0]);
    TrainConfig c = config(Path.of(args[1]));
    RunDirectory run = new RunDirectory(runDir);
    PrintWriter out = new PrintWriter(System.out, true);
    ProgressBar bar = new ProgressBar(out, false, c.training().steps());
    Trainer trainer;
    if (run.hasCheckpoints()) {
      LoadedRun loaded =
          Checkpoint.load(runDir, f -> model((org.tinyformer.models.GptConfig) f.config()));
      TextData data = TextData.load(Path.of(args[1]), loaded.tokenizer(), c.data().valFraction());
      trainer = new Trainer(c, "bigram", loaded.model(), data, run, bar).resumeFrom(loaded);
    } else {
      TextData data = TextData.load(Path.of(args[1]), null, c.data().valFraction());
      var config = BigramModel.config(data.tokenizer().vocabSize(), 16);
      config =
          new org.tinyformer.models.GptConfig(
              config.vocabSize(),
              16,
              LAYERS,
              1,
              4,
              0f,
              true,
              config.norm(),
              config.positions(),
              config.mlp());
      trainer = new Trainer(c, "bigram", model(config), data, run, bar);
    }
    trainer.train();
    out.println("finished");
  }

  static BigramModel model(org.tinyformer.models.GptConfig config) {
    return new BigramModel(config, new Rng(5), BigramModel.fillerRows(config));
  }

  static TrainConfig config(Path text) {
    return TrainerTest.config(
        text,
        40,
        "training.log_interval=1",
        "training.checkpoint_interval=1",
        "training.eval_interval=0",
        "training.keep_checkpoints=2");
  }
}
