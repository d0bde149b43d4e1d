package org.tinyformer.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyformer.tokenizers.BpeFiles;
import org.tinyformer.tokenizers.BpeTokenizer;
import org.tinyformer.tokenizers.BpeTrainer;
import org.tinyformer.tokenizers.PreTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinyformer tokenizer train}: learns a byte-level BPE and prints how long it took. */
@Command(
    name = "train",
    description = "Train a byte-level BPE tokenizer on a text file (or stdin).")
final class TokenizerTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TextErrorsOption textErrors = new TextErrorsOption();

  @Option(names = "--input", description = "Training text (UTF-8); '-' or absent: stdin.")
  Path input;

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
    String text = TokenizerCommand.readText(input, null, textErrors);
    List<String> specials = new ArrayList<>(special);
    specials.removeIf(s -> s.equals("none") || s.isEmpty());
    PreTokenizer pre = PreTokenizer.of(pattern);
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    BpeTokenizer t = BpeTrainer.train(text, vocabSize, pre, specials, threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    BpeFiles.save(t, out, format);
    var o = spec.commandLine().getOut();
    o.printf(
        "trained bpe: vocab %d (%d merges, %d special) on %,d chars in %.3f s with %d threads"
            + " (%.3f s cpu, JIT and GC included), peak heap %d MB%n",
        t.vocabSize(),
        t.merges().size(),
        specials.size(),
        text.length(),
        seconds,
        threads,
        cpuSeconds,
        peakHeapBytes() >> 20);
    if (t.vocabSize() < vocabSize) {
      o.printf("note: the corpus ran out of pairs before %d ids%n", vocabSize);
    }
    o.printf("saved %s (%s, pattern %s)%n", out, format, pre);
    return 0;
  }

  /** CPU time of the whole JVM so far, or 0 when the platform does not tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
