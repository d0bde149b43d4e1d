package org.tinyformer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.training.RunTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinyformer tokenizer decode}: prints the text of space-separated token ids. */
@Command(name = "decode", description = "Print the text of token ids (file, --ids or stdin).")
final class TokenizerDecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TextErrorsOption textErrors = new TextErrorsOption();

  @Option(names = "--tokenizer", required = true, description = "Tokenizer file or GPT-2 dir.")
  Path tokenizer;

  @Option(
      names = "--input",
      description = "File of whitespace-separated ids; '-' or absent: stdin.")
  Path input;

  @Option(names = "--ids", description = "The ids themselves, e.g. \"31373 995\".")
  String ids;

  @Override
  public Integer call() throws Exception {
    Tokenizer t = RunTokenizer.loadFile(tokenizer);
    String s = TokenizerCommand.readText(input, ids, textErrors).trim();
    int[] parsed;
    try {
      parsed =
          s.isEmpty()
              ? new int[0]
              : Arrays.stream(s.split("[\\s,]+")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "decode: expected whitespace-separated ids, " + e.getMessage());
    }
    spec.commandLine().getOut().print(t.decode(parsed));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
