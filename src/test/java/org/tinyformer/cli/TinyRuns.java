package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny text runs through the real CLI, in this JVM: a few seconds of training at most. */
final class TinyRuns {
  static final String TEXT = "the quick brown fox jumps over the lazy dog. ".repeat(200);

  private TinyRuns() {}

  /** What one CLI invocation printed and returned. */
  record Result(int exit, String out, String err) {}

  /** Runs {@code tinyformer args...} in this JVM. */
  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  /** Writes the training text into {@code dir} and returns its path. */
  static Path text(Path dir) throws IOException {
    Path f = dir.resolve("text.txt");
    Files.writeString(f, TEXT);
    return f;
  }

  /**
   * The arguments of {@code train} for a 1-layer, 16-dim GPT on {@code text} in {@code runDir},
   * {@code steps} steps, checkpoints every 10, then {@code extra} arguments.
   */
  static String[] train(Path text, Path runDir, int steps, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data", text.toString()));
    args.addAll(List.of("--run-dir", runDir.toString()));
    for (String set :
        List.of(
            "name=tiny",
            "model.num_layers=1",
            "model.num_heads=2",
            "model.embed_dim=16",
            "model.context_length=16",
            "training.batch_size=4",
            "training.warmup_steps=2",
            "training.eval_interval=10",
            "training.eval_batches=2",
            "training.log_interval=5",
            "training.checkpoint_interval=10",
            "training.steps=" + steps)) {
      args.addAll(List.of("--set", set));
    }
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /**
   * The arguments of {@code task TASK} for a 2-step, 1-layer, 16-dim encoder-decoder in {@code
   * runDir} on sequences of at most 4 symbols (no evaluation during training).
   */
  static String[] task(String task, Path runDir) {
    List<String> args = new ArrayList<>(List.of("task", task, "--run-dir", runDir.toString()));
    for (String set :
        List.of(
            "model.num_layers=1",
            "model.num_heads=2",
            "model.embed_dim=16",
            "training.steps=2",
            "training.batch_size=4",
            "training.eval_interval=0",
            "task.held_out=8",
            "task.max_length=4",
            "task.length_gen_max=5")) {
      args.addAll(List.of("--set", set));
    }
    return args.toArray(String[]::new);
  }
}
