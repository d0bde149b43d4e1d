package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.data.corpus.CorpusDocuments;
import org.tinyformer.tokenizers.BpeAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinyformer tokenizer analyze}: compares char, word and BPE tokenizers on one corpus. */
@Command(
    name = "analyze",
    description =
        "Compression, vocabulary use and sequence lengths of char, word and BPE tokenizers.")
final class TokenizerAnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TextErrorsOption textErrors = new TextErrorsOption();

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--subset",
      paramLabel = "N",
      description = "Analyze N documents drawn uniformly (seeded) instead of the whole corpus.")
  Integer subset;

  @Option(
      names = "--seed",
      defaultValue = "1337",
      description = "Seed of the --subset sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--vocab-sizes",
      split = ",",
      defaultValue = "256,512,1024,2048,4096,8192",
      description = "BPE sizes to train and compare (default: ${DEFAULT-VALUE}).")
  int[] vocabSizes;

  @Option(
      names = "--rare",
      defaultValue = "10",
      description =
          "An id seen fewer than this many times counts as rare (default: ${DEFAULT-VALUE}).")
  int rare;

  @Option(names = "--threads", description = "Threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    Checks.check(rare >= 1, "analyze: --rare must be >= 1, got %d", rare);
    List<Path> files = corpus.files("analyze", spec.commandLine().getErr());
    String text = String.join(CorpusDocuments.END_OF_TEXT, documents(files));
    List<BpeAnalysis.Row> rows = BpeAnalysis.compare(text, vocabSizes, rare, threads);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "corpus %s%s: %,d chars, %d documents%n",
        corpus.describe(),
        subset == null ? "" : " (seeded sample of " + subset + " documents, seed " + seed + ")",
        text.length(),
        rows.get(0).documentLengths().length);
    out.printf(
        "%-10s %7s %10s %11s %9s %8s %12s%n",
        "tokenizer", "vocab", "tokens", "bytes/token", "used", "rare<" + rare, "doc p50/p95");
    for (BpeAnalysis.Row r : rows) {
      out.printf(
          "%-10s %7d %10d %11.3f %8.1f%% %7.1f%% %6d/%-6d%n",
          r.name(),
          r.vocabSize(),
          r.tokens(),
          r.bytesPerToken(),
          100 * r.utilisation(),
          100 * r.rareShare(),
          r.lengthQuantile(0.5),
          r.lengthQuantile(0.95));
    }
    BpeAnalysis.Recommendation rec = BpeAnalysis.recommend(rows, rare);
    out.printf(
        "used: share of ids that occur; rare<%d: share of used ids seen fewer than %d times%n",
        rare, rare);
    out.printf("recommended bpe vocab size: %d (%s)%n", rec.vocabSize(), rec.reason());
    BpeAnalysis.Row chosen =
        rows.stream()
            .filter(r -> r.name().equals("bpe-" + rec.vocabSize()))
            .findFirst()
            .orElseThrow();
    printHistogram(out, chosen);
    return 0;
  }

  private List<String> documents(List<Path> files) throws IOException {
    if (subset != null) {
      return CorpusDocuments.sample(files, corpus.textField, textErrors.errors, subset, seed);
    }
    List<String> docs = new ArrayList<>();
    CorpusDocuments.forEach(files, corpus.textField, textErrors.errors, docs::add);
    return docs;
  }

  private static void printHistogram(PrintWriter out, BpeAnalysis.Row row) {
    out.printf("tokens per document with %s:%n", row.name());
    int[] h = BpeAnalysis.histogram(row.documentLengths());
    int max = java.util.Arrays.stream(h).max().orElse(1);
    for (int k = 0; k < h.length; k++) {
      long lo = k == 0 ? 0 : 1L << k;
      long hi = (1L << (k + 1)) - 1;
      out.printf(
          "  %6d-%-6d %6d %s%n", lo, hi, h[k], "#".repeat((int) Math.round(40.0 * h[k] / max)));
    }
  }
}
