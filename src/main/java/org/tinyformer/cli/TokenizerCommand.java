package org.tinyformer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * -} too). Invalid UTF-8 becomes U+FFFD.
   */
  static String readText(Path input, String text) throws IOException {
    if (text != null) {
      return text;
    }
    byte[] bytes =
        input == null || input.toString().equals("-")
            ? System.in.readAllBytes()
            : Files.readAllBytes(input);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
