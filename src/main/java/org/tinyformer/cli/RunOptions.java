package org.tinyformer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every training command shares ({@code train}, {@code task}): overrides, the run
 * directory, how to treat a run already there, and the run whose weights a new run starts from. A
 * picocli mixin: {@code @Mixin RunOptions run;}.
 */
final class RunOptions {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a config value, e.g. training.learning_rate=1e-3 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description = "Where the run goes (default runs/<name>, or runs/<name>-2, ... if taken).")
  Path runDir;

  @Option(
      names = "--resume",
      description = "Continue the run in --run-dir (or runs/<name>) from its last checkpoint.")
  boolean resume;

  @Option(
      names = "--force",
      description =
          "Start over in a --run-dir that already holds a run: delete its log, config and"
              + " checkpoints first.")
  boolean force;

  @Option(
      names = "--fresh-optimizer",
      description =
          "With --resume: accept a checkpoint without optimizer state (or drop it) and start"
              + " fresh optimizer moments.")
  boolean freshOptimizer;

  @Option(
      names = "--init-from",
      paramLabel = "DIR",
      description =
          "Start a new run from the weights, model and tokenizer of this run or checkpoint (for"
              + " example one made by 'import hf'); the step count and the optimizer start fresh.")
  Path initFrom;

  /** Rejects contradictory flags. */
  void check(String command) {
    if (initFrom != null && resume) {
      throw new IllegalArgumentException(
          command
              + ": --init-from starts a new run and --resume continues one; pass only one of them");
    }
    if (initFrom != null) {
      sets.stream()
          .filter(s -> s.startsWith("model."))
          .findFirst()
          .ifPresent(
              s -> {
                throw new IllegalArgumentException(
                    command
                        + ": --init-from takes the model of "
                        + initFrom
                        + " as it is; --set "
                        + s
                        + " does not apply");
              });
    }
    if (force && resume) {
      throw new IllegalArgumentException(
          command + ": --force starts a new run and --resume continues one; pass only one of them");
    }
    if (freshOptimizer && !resume) {
      throw new IllegalArgumentException(
          command + ": --fresh-optimizer only applies with --resume");
    }
  }
}
