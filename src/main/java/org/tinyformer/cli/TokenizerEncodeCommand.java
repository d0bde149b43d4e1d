package org.tinyformer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.training.RunTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinyformer tokenizer encode}: prints the token ids of a text. */
@Command(name = "encode", description = "Print the token ids of a text (file, --text or stdin).")
final class TokenizerEncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TextErrorsOption textErrors = new TextErrorsOption();

  @Option(names = "--tokenizer", required = true, description = "Tokenizer file or GPT-2 dir.")
  Path tokenizer;

  @Option(names = "--input", description = "Text file (UTF-8); '-' or absent: stdin.")
  Path input;

  @Option(names = "--text", description = "The text itself.")
  String text;

  @Option(
      names = "--allow-special",
      negatable = true,
      description =
          "Encode special-token text (e.g. <|endoftext|>) as the special id (default: off).")
  boolean allowSpecial;

  @Option(
      names = "--show",
      defaultValue = "ids",
      description = "ids, tokens (id and text per line) or count.")
  String show;

  @Override
  public Integer call() throws Exception {
    Tokenizer t = RunTokenizer.loadFile(tokenizer);
    String s = TokenizerCommand.readText(input, text, textErrors);
    int[] ids = t instanceof BpeTokenizer bpe ? bpe.encode(s, allowSpecial) : t.encode(s);
    var out = spec.commandLine().getOut();
    switch (show) {
      case "ids" -> {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
          sb.append(i == 0 ? "" : " ").append(ids[i]);
        }
        out.println(sb);
      }
      case "tokens" -> {
        for (int id : ids) {
          out.printf("%6d  %s%n", id, t.decode(new int[] {id}).replace("\n", "\\n"));
        }
      }
      case "count" -> out.printf("%d tokens, %d chars%n", ids.length, s.length());
      default ->
          throw new IllegalArgumentException(
              "encode: --show must be ids, tokens or count, got " + show);
    }
    return 0;
  }
}
