package org.tinyformer.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The answer to {@code tinyformer frobnicate}: which word was not a command, the closest commands
 * if any are close, and every command with its one-line description.
 */
final class UnknownCommand {
  private static final int SUMMARY_WIDTH = 80;

  private UnknownCommand() {}

  /**
   * True when the first word left over was meant as a subcommand: the command has subcommands and
   * the word is not an option.
   */
  static boolean applies(CommandLine.ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException unmatched)) {
      return false;
    }
    List<String> words = unmatched.getUnmatched();
    return !words.isEmpty()
        && !words.get(0).startsWith("-")
        && !ex.getCommandLine().getSubcommands().isEmpty()
        && ex.getCommandLine().getParseResult().originalArgs().indexOf(words.get(0))
            == ex.getCommandLine().getParseResult().originalArgs().size() - words.size();
  }

  /** Prints the error, the suggestions and the command list to the command's error stream. */
  static void print(UnmatchedArgumentException ex) {
    CommandLine c = ex.getCommandLine();
    PrintWriter err = c.getErr();
    String name = c.getCommandSpec().qualifiedName();
    err.printf("error: '%s' is not a %s command%n", ex.getUnmatched().get(0), name);
    List<String> close =
        c.getSubcommands().keySet().stream()
            .filter(command -> isClose(ex.getUnmatched().get(0), command))
            .toList();
    if (!close.isEmpty()) {
      err.println("did you mean: " + String.join(", ", close) + "?");
    }
    err.println("commands:");
    Map<String, CommandLine> subcommands = c.getSubcommands();
    int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Map.Entry<String, CommandLine> e : subcommands.entrySet()) {
      err.printf("  %-" + width + "s  %s%n", e.getKey(), summary(e.getValue()));
    }
    err.println("try: " + name + " <command> --help");
  }

  /** The command's header, else the first sentence of its description, cut to one line. */
  private static String summary(CommandLine command) {
    var usage = command.getCommandSpec().usageMessage();
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    String text = lines.length == 0 ? "" : lines[0].replace("%n", "").strip();
    int end = text.indexOf(". ");
    text = end < 0 ? text : text.substring(0, end + 1);
    if (text.length() > SUMMARY_WIDTH) {
      text = text.substring(0, text.lastIndexOf(' ', SUMMARY_WIDTH - 4)) + " ...";
    }
    return text;
  }

  /** A likely typo: two edits apart (one for short names), or a prefix of three letters or more. */
  static boolean isClose(String typed, String command) {
    if (typed.length() >= 3 && command.startsWith(typed)) {
      return true;
    }
    return editDistance(typed, command) <= (command.length() <= 4 ? 1 : 2);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
