package org.tinyformer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every training command shares ({@code train}, {@code task}): overrides, the run
 * directory and how to treat a run already there. A picocli mixin: {@code @Mixin RunOptions run;}.
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

  /** Rejects contradictory flags. */
  void check(String command) {
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
