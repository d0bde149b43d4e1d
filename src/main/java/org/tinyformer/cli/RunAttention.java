package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.training.CrossAttentionAlignment;
import org.tinyformer.training.TaskData;
import org.tinyformer.training.TrainConfig;
import org.tinyformer.visualization.AttentionMap;
import org.tinyformer.visualization.AttentionMaps;
import org.tinyformer.visualization.GptAttention;
import org.tinyformer.visualization.TaskAttention;

/**
 * The attention maps of a trained run on one input, for {@code tinyformer attention}: a task run
 * (source tokens, greedy-decoded) or a text run (prompt text, causal self-attention only).
 *
 * @param task the decoded task input, or null for a text run
 */
record RunAttention(Path run, String description, AttentionMaps maps, TaskAttention task) {

  /** Loads the run in {@code dir} and records its attention on {@code input}. */
  static RunAttention of(Path dir, String input) throws IOException {
    LoadedRun loaded = Checkpoint.load(dir);
    TrainConfig config = TrainConfig.parse(loaded.configYaml(), loaded.checkpoint().toString());
    if (config.isTask()) {
      TaskAttention t =
          TaskAttention.of(loaded.model(), new TaskData(config.task(), config.model()), input);
      return new RunAttention(dir, t.describe(), t.maps(), t);
    }
    Path name = dir.toAbsolutePath().normalize().getFileName();
    String label = name == null ? "gpt" : name.toString();
    AttentionMaps maps = GptAttention.of(loaded.model(), loaded.tokenizer(), input, label);
    int tokens = maps.map(AttentionKind.DECODER, 0, 0).queryTokens().size();
    return new RunAttention(
        dir,
        String.format(
            Locale.ROOT, "%s (%s run): prompt of %d tokens", label, loaded.modelKind(), tokens),
        maps,
        null);
  }

  /** Cross-attention when the model has it (encoder-decoder), else causal self-attention. */
  AttentionKind defaultKind() {
    return maps.has(AttentionKind.CROSS) ? AttentionKind.CROSS : AttentionKind.DECODER;
  }

  /** Rejects encoder and cross maps for a decoder-only run. */
  void checkKind(AttentionKind kind) {
    if (!maps.has(kind)) {
      throw new IllegalArgumentException(
          "attention: "
              + run
              + " is a decoder-only GPT run with causal self-attention only; use --kind decoder"
              + " (the default), not "
              + kind.option());
    }
  }

  /**
   * For copy, reverse or duplicate cross-attention: the weight on the expected input averaged over
   * heads and output positions of {@code layer}, e.g. {@code cross-attention mass on the
   * anti-diagonal, layer 1, mean of heads: 0.934}.
   */
  Optional<String> alignment(AttentionKind kind, int layer) {
    if (task == null || kind != AttentionKind.CROSS) {
      return Optional.empty();
    }
    TaskKind taskKind = TaskKind.parse(task.task());
    if (!CrossAttentionAlignment.hasPattern(taskKind)) {
      return Optional.empty();
    }
    float[][] w = maps.map(kind, layer, AttentionMap.MEAN_OF_HEADS).weights();
    double mass =
        CrossAttentionAlignment.mass(w, taskKind, task.input().length, task.output().length);
    return Optional.of(
        String.format(
            Locale.ROOT,
            "cross-attention mass on the %s, layer %d, mean of heads: %.3f",
            CrossAttentionAlignment.patternName(taskKind),
            layer,
            mass));
  }
}
