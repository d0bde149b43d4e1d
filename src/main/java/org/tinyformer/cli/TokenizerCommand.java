package org.tinyformer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyformer.base.StrictUtf8;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tinyformer tokenizer <train|encode|decode|analyze|pretokenize>}: the tokenizer tools. */
@Command(
    name = "tokenizer",
    description = "Train, apply and analyze tokenizers (byte-level BPE, char, word).",
    subcommands = {
      TokenizerTrainCommand.class,
      TokenizerEncodeCommand.class,
      TokenizerDecodeCommand.class,
      TokenizerAnalyzeCommand.class,
      TokenizerPretokenizeCommand.class
    })
final class TokenizerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The text of {@code text} if given, else of file {@code input}, else of standard input ({@code
   * -} too), decoded by the {@code --errors} policy: {@code strict} or {@code replace}.
   */
  static String readText(Path input, String text, TextErrorsOption errors) throws IOException {
    if (text != null) {
      return text;
    }
    boolean stdin = input == null || input.toString().equals("-");
    byte[] bytes = stdin ? System.in.readAllBytes() : Files.readAllBytes(input);
    return StrictUtf8.decode(bytes, stdin ? "standard input" : input.toString(), errors.errors);
  }
}
