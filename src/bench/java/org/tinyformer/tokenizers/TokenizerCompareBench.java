package org.tinyformer.tokenizers;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Not a test: GPT-2 encoding speed of tinyformer's BPE against Hugging Face tokenizers (Rust,
 * through DJL) on the same files, with the ids checked equal. Run by {@code
 * scripts/bench/tokenizer-compare.sh}; HF's threads follow RAYON_NUM_THREADS.
 *
 * <p>Usage: {@code TokenizerCompareBench <gpt2-dir> <threads> <file>...}
 */
public final class TokenizerCompareBench {
  private static final int RUNS = 7;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private TokenizerCompareBench() {}

  /** Median wall seconds and median CPU seconds of this thread over {@link #RUNS} runs. */
  private record Timing(double first, double wall, double cpu) {}

  private static Timing time(Supplier<?> work) {
    double[] wall = new double[RUNS];
    double[] cpu = new double[RUNS];
    for (int r = 0; r < RUNS; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      work.get();
      wall[r] = (System.nanoTime() - t0) / 1e9;
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    double first = wall[0];
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timing(first, wall[RUNS / 2], cpu[RUNS / 2]);
  }

  public static void main(String[] args) throws Exception {
    Path gpt2Dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    BpeTokenizer ours = Gpt2BpeFiles.load(gpt2Dir).withAllowSpecial(true);
    Path json = Files.createTempFile("gpt2-tokenizer", ".json");
    HuggingFaceTokenizerJson.save(ours, json);
    try (HuggingFaceTokenizer hf =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(json)
            .optAddSpecialTokens(false)
            .optTruncation(false)
            .optPadding(false)
            .build()) {
      System.out.printf(
          "jdk %s, %d cores, threads %d (RAYON_NUM_THREADS=%s); median of %d runs, MB = 10^6 bytes%n",
          Runtime.version(),
          Runtime.getRuntime().availableProcessors(),
          threads,
          System.getenv("RAYON_NUM_THREADS"),
          RUNS);
      System.out.printf(
          "%-34s %-30s %9s %9s %9s %9s%n",
          "file", "run", "first s", "median s", "MB/s", "MB/cpu-s");
      for (int i = 2; i < args.length; i++) {
        compare(Path.of(args[i]), gpt2Dir, ours, hf, threads);
      }
    } finally {
      Files.deleteIfExists(json);
    }
  }

  private static void compare(
      Path file, Path gpt2Dir, BpeTokenizer ours, HuggingFaceTokenizer hf, int threads)
      throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
    List<String> lines = Arrays.asList(text.split("(?<=\n)"));
    String name = file.getFileName().toString();
    checkEqual(name, ours.encode(text), hf.encode(text).getIds());
    Encoding[] hfLines = hf.batchEncode(lines);
    List<int[]> ourLines = ours.encodeBatch(lines, threads);
    for (int l = 0; l < lines.size(); l++) {
      checkEqual(name + " line " + l, ourLines.get(l), hfLines[l].getIds());
    }
    System.out.printf(
        "%-34s ids equal: whole file (%d ids) and %d lines%n",
        name, ours.encode(text).length, lines.size());
    BpeTokenizer cold = Gpt2BpeFiles.load(gpt2Dir).withAllowSpecial(true);
    report(name, "tinyformer whole file, 1 thread", mb, time(() -> cold.encode(text)), true);
    if (threads > 1) {
      report(
          name,
          "tinyformer whole file, " + threads + " thr",
          mb,
          time(() -> ours.encodeParallel(text, threads)),
          false);
    }
    report(
        name,
        "tinyformer lines, " + threads + " thr",
        mb,
        time(() -> ours.encodeBatch(lines, threads)),
        threads == 1);
    report(name, "hf/djl whole file", mb, time(() -> hf.encode(text)), threads == 1);
    report(name, "hf/djl batch lines", mb, time(() -> hf.batchEncode(lines)), threads == 1);
  }

  /** CPU time is shown only for single-threaded runs, where it is the calling thread's. */
  private static void report(String file, String run, double mb, Timing t, boolean oneThread) {
    String cpu = oneThread ? String.format("%.2f", mb / t.cpu()) : "-";
    System.out.printf(
        "%-34s %-30s %9.3f %9.3f %9.2f %9s%n", file, run, t.first(), t.wall(), mb / t.wall(), cpu);
  }

  private static void checkEqual(String what, int[] ours, long[] hf) {
    int[] theirs = Arrays.stream(hf).mapToInt(x -> (int) x).toArray();
    if (!Arrays.equals(ours, theirs)) {
      int k = 0;
      while (k < Math.min(ours.length, theirs.length) && ours[k] == theirs[k]) {
        k++;
      }
      throw new IllegalStateException(
          what
              + ": ids differ at "
              + k
              + " (ours "
              + ours.length
              + " ids, hf "
              + theirs.length
              + ")");
    }
  }
}
