package org.tinyformer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.data.shards.PretokenizeSettings;
import org.tinyformer.data.shards.Pretokenizer;
import org.tinyformer.data.shards.ShardIndex;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.training.RunTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer tokenizer pretokenize}: streams a corpus of any size through a tokenizer on all
 * cores into a shard directory ({@code shard-NNNNN.bin} + {@code .docs}, {@code index.json}, {@code
 * tokenizer.json}) for {@code train --data DIR}; run it again after an interruption to finish.
 */
@Command(
    name = "pretokenize",
    description =
        "Encode a corpus into a directory of token shards (uint16/uint32, memory-mapped by"
            + " trainers); resumable.")
final class TokenizerPretokenizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Mixin TextErrorsOption textErrors = new TextErrorsOption();

  @Option(names = "--tokenizer", required = true, description = "Tokenizer file or GPT-2 dir.")
  Path tokenizer;

  @Option(names = "--out", required = true, description = "The shard directory to write.")
  Path out;

  @Option(
      names = "--shard-tokens",
      defaultValue = "100000000",
      description = "Tokens per shard (default: ${DEFAULT-VALUE}).")
  long shardTokens;

  @Option(
      names = "--max-length",
      defaultValue = "0",
      description =
          "Cut documents into pieces of at most N tokens, each recorded as a document"
              + " (default: 0, no limit).")
  int maxLength;

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
    PrintWriter err = spec.commandLine().getErr();
    PretokenizeSettings settings =
        new PretokenizeSettings(
            shardTokens,
            maxLength,
            threads,
            corpus.textField,
            allowSpecial,
            textErrors.errors,
            PretokenizeSettings.DEFAULT_PIECE_BYTES);
    List<Path> files = corpus.files("pretokenize", err);
    Tokenizer t = RunTokenizer.loadFile(tokenizer);
    ProcessStats.resetPeakHeap();
    long cpuStart = ProcessStats.cpuNanos();
    StreamProgress bar = new StreamProgress(err, "pretokenize", "tokens", DataCommand.isTerminal());
    Pretokenizer.Result r = Pretokenizer.run(files, t, out, settings, bar);
    bar.finish();
    double cpu = (ProcessStats.cpuNanos() - cpuStart) / 1e9;
    ShardIndex index = r.index();
    PrintWriter o = spec.commandLine().getOut();
    if (r.shardsKept() == index.shards().size()) {
      o.printf(
          "%s is already complete: %,d tokens in %d shards%n", out, index.tokens(), r.shardsKept());
      return 0;
    }
    o.printf(
        "wrote %,d tokens, %,d documents (%s, vocab %d) in %d shard%s to %s%s%n",
        index.tokens(),
        index.documents(),
        index.dtype(),
        index.vocabSize(),
        index.shards().size(),
        index.shards().size() == 1 ? "" : "s",
        out,
        r.shardsKept() > 0 ? " (" + r.shardsKept() + " shards kept from the interrupted run)" : "");
    double mb = r.textBytes() / 1e6;
    o.printf(
        "encoded %,.1f MB of text in %.1f s: %.1f MB/s with %d threads; process cpu %.1f s"
            + " (%.1f MB per cpu-second), encoding alone %.1f cpu-s (%.1f MB/s per thread),"
            + " peak heap %d MB%n",
        mb,
        r.seconds(),
        mb / r.seconds(),
        threads,
        cpu,
        mb / cpu,
        r.encodeCpuSeconds(),
        r.encodeCpuSeconds() > 0 ? mb / r.encodeCpuSeconds() : 0,
        ProcessStats.peakHeapBytes() >> 20);
    return 0;
  }
}
