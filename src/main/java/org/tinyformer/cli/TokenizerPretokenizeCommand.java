package org.tinyformer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyformer.data.TokenShard;
import org.tinyformer.data.TokenShardWriter;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.training.RunTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer tokenizer pretokenize}: tokenizes a corpus once into a {@code tokens.bin}, with
 * the tokenizer saved beside it ({@code tokens.bin.tokenizer.json}) for {@code train --data}.
 */
@Command(
    name = "pretokenize",
    description =
        "Encode a corpus into a tokens.bin shard (uint16/uint32, memory-mapped by trainers).")
final class TokenizerPretokenizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, description = "Text file (UTF-8); '-': stdin.")
  Path input;

  @Option(names = "--tokenizer", required = true, description = "Tokenizer file or GPT-2 dir.")
  Path tokenizer;

  @Option(names = "--out", required = true, description = "The tokens.bin to write.")
  Path out;

  @Option(
      names = "--allow-special",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Encode special-token text as special ids (default: on; corpora use them as separators).")
  boolean allowSpecial;

  @Option(names = "--threads", description = "Encoding threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    Tokenizer t = RunTokenizer.loadFile(tokenizer);
    String text = TokenizerCommand.readText(input, null);
    long start = System.nanoTime();
    int[] ids =
        t instanceof BpeTokenizer bpe
            ? bpe.withAllowSpecial(allowSpecial).encodeParallel(text, threads)
            : t.encode(text);
    double seconds = (System.nanoTime() - start) / 1e9;
    String dtype;
    try (TokenShardWriter w = TokenShardWriter.create(out, t.vocabSize())) {
      w.write(ids);
      dtype = t.vocabSize() <= 65_536 ? "uint16" : "uint32";
    }
    Path sidecar = TokenShard.tokenizerFile(out);
    t.save(sidecar); // so `train --data tokens.bin` finds the tokenizer the ids belong to
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %,d tokens (%s, vocab %d) to %s and its tokenizer to %s; encoded %,d chars in"
                + " %.3f s (%.1f MB/s, %d threads)%n",
            ids.length,
            dtype,
            t.vocabSize(),
            out,
            sidecar,
            text.length(),
            seconds,
            text.length() / 1e6 / seconds,
            threads);
    return 0;
  }
}
