package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyformer.base.Rng;
import org.tinyformer.cli.Main;

/**
 * Tiny runs made by the project's own trainer ({@code tinyformer train}) for the dashboard tests, a
 * few seconds in all: a char GPT, a modern GPT (RMSNorm, rotary, SwiGLU) and a BPE GPT.
 */
final class FixtureRuns {
  static final List<String> NAMES = List.of("char-gpt", "modern-gpt", "bpe-gpt");

  private static final List<String> TINY =
      List.of(
          "--set", "model.num_layers=2",
          "--set", "model.num_heads=2",
          "--set", "model.embed_dim=16",
          "--set", "model.context_length=16",
          "--set", "training.steps=12",
          "--set", "training.batch_size=2",
          "--set", "training.warmup_steps=2",
          "--set", "training.eval_interval=4",
          "--set", "training.eval_batches=1",
          "--set", "training.log_interval=2",
          "--set", "training.checkpoint_interval=0");

  private FixtureRuns() {}

  /** Trains the three runs into {@code runs/} (the text file goes beside it). */
  static Path make(Path dir) throws IOException {
    Path text = dir.resolve("stories.txt");
    Files.writeString(text, stories());
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs);
    train(runs.resolve("char-gpt"), text, "tinystories-char");
    train(runs.resolve("modern-gpt"), text, "tinystories-char", "--model", "modern");
    train(runs.resolve("bpe-gpt"), text, "tinystories-bpe", "--set", "data.vocab_size=300");
    return runs;
  }

  static void train(Path runDir, Path text, String preset, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--preset", preset));
    args.addAll(List.of("--data", text.toString(), "--run-dir", runDir.toString()));
    args.addAll(TINY);
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as("train %s: %s", runDir, err).isZero();
  }

  /** About 15 KB of little stories, as TinyStories has. */
  static String stories() {
    String[] names = {"Tom", "Sue", "Max", "Lily"};
    String[] animals = {"cat", "dog", "bird", "fish"};
    String[] feelings = {"happy", "sad", "tired", "hungry"};
    Rng rng = new Rng(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      String name = names[rng.nextInt(4)];
      sb.append("Once upon a time, ").append(name).append(" had a little ");
      sb.append(animals[rng.nextInt(4)]).append(". The ").append(animals[rng.nextInt(4)]);
      sb.append(" was ").append(feelings[rng.nextInt(4)]).append(". ").append(name);
      sb.append(" said, \"Let's play!\"\n<|endoftext|>\n");
    }
    return sb.toString();
  }
}
