package org.tinyformer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --run DIR}, the trained run a reading command opens (sample, chat, predict, eval, inspect,
 * export, attention). A picocli mixin: {@code @Mixin RunOption run;}, then {@code run.dir}.
 */
final class RunOption {
  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "Run directory (its last checkpoint) or checkpoint directory.")
  Path dir;
}
