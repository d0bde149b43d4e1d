package org.tinyformer.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --errors} option of every command that reads text: invalid UTF-8 is an error naming
 * the file and byte offset ({@code strict}, the default) or is replaced by U+FFFD ({@code
 * replace}), never replaced silently.
 */
final class TextErrorsOption {
  @Option(
      names = "--errors",
      defaultValue = "strict",
      description =
          "Invalid UTF-8 in the input: strict (an error naming the byte offset; default) or"
              + " replace (U+FFFD).")
  String errors = "strict";
}
