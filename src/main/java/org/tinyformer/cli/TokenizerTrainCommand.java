package org.tinyformer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.data.corpus.CorpusChunkCounter;
import org.tinyformer.tokenizers.BpeFiles;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.BpeTrainer;
import org.tinyformer.tokenizers.PreTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer tokenizer train}: learns a byte-level BPE from a corpus of any size (chunk
 * counts streamed on all cores, the text never held) and prints how long it took and the peak heap.
 */
@Command(
    name = "train",
    description =
        "Train a byte-level BPE tokenizer on text or JSONL files, directories, globs or a registry"
            + " dataset.")
final class TokenizerTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TextErrorsOption textErrors = new TextErrorsOption();

  @Mixin CorpusOptions corpus;

  @Option(names = "--vocab-size", required = true, description = "Target vocabulary size.")
  int vocabSize;

  @Option(names = "--out", required = true, description = "Where to save the tokenizer.")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "tinyformer",
      description = "tinyformer (JSON), huggingface (tokenizer.json) or gpt2 (a directory).")
  String format;

  @Option(
      names = "--pattern",
      defaultValue = "gpt2",
      description = "Pre-tokenizer: gpt2, gpt4 or a regex (default: ${DEFAULT-VALUE}).")
  String pattern;

  @Option(
      names = "--special",
      split = ",",
      defaultValue = "<|endoftext|>",
      description = "Special tokens, comma-separated, or 'none' (default: ${DEFAULT-VALUE}).")
  List<String> special;

  @Option(names = "--threads", description = "Threads for counting (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    List<String> specials = new ArrayList<>(special);
    specials.removeIf(s -> s.equals("none") || s.isEmpty());
    PreTokenizer pre = PreTokenizer.of(pattern);
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = corpus.files("tokenizer train", err);
    ProcessStats.resetPeakHeap();
    long cpuStart = ProcessStats.cpuNanos();
    long start = System.nanoTime();
    StreamProgress bar = new StreamProgress(err, "counting", "chunks", DataCommand.isTerminal());
    CorpusChunkCounter.Counts counts =
        CorpusChunkCounter.count(
            files, corpus.textField, textErrors.errors, pre, specials, threads, bar::update);
    bar.finish();
    double countSeconds = (System.nanoTime() - start) / 1e9;
    if (counts.textBytes() == 0) {
      throw new IllegalArgumentException(
          "tokenizer train: "
              + (files.size() == 1
                  ? files.get(0) + " is empty"
                  : "the " + files.size() + " input files are empty")
              + ": no text to learn merges from (nothing was saved)");
    }
    BpeTokenizer t = BpeTrainer.train(counts.chunks(), vocabSize, pre, specials);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (ProcessStats.cpuNanos() - cpuStart) / 1e9;
    BpeFiles.save(t, out, format);
    var o = spec.commandLine().getOut();
    o.printf(
        "trained bpe: vocab %d (%d merges, %d special) on %,d bytes in %.3f s with %d threads"
            + " (%.3f s cpu, JIT and GC included), peak heap %d MB%n",
        t.vocabSize(),
        t.merges().size(),
        specials.size(),
        counts.textBytes(),
        seconds,
        threads,
        cpuSeconds,
        ProcessStats.peakHeapBytes() >> 20);
    o.printf(
        "counting %,d distinct chunks took %.3f s (%.1f MB/s), merging %.3f s%n",
        counts.chunks().size(),
        countSeconds,
        counts.textBytes() / 1e6 / countSeconds,
        seconds - countSeconds);
    if (t.vocabSize() < vocabSize) {
      o.printf("note: the corpus ran out of pairs before %d ids%n", vocabSize);
    }
    o.printf("saved %s (%s, pattern %s)%n", out, format, pre);
    return 0;
  }
}
