package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.generation.GenerationOptions;
import org.tinyformer.generation.GenerationResult;
import org.tinyformer.generation.Generator;
import org.tinyformer.generation.SamplingBenchmark;
import org.tinyformer.generation.SamplingOptions;
import org.tinyformer.generation.SpecialTokens;
import org.tinyformer.generation.TextStream;
import org.tinyformer.generation.TokenListener;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.IncrementalDecoder;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer sample --run D [--prompt T] [--max-tokens N] [--temperature T] [--top-k K]
 * [--top-p P] [--seed S] [--no-cache] [--benchmark [--runs R] [--warm-up S]]}: prints the prompt
 * and its continuation as it is generated, and the speed to stderr (overall, and over the second
 * half); or, with {@code --benchmark}, times it with and without the KV cache.
 */
@Command(
    name = "sample",
    description = "Generate text from a trained run, streamed as it is sampled.")
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Mixin SamplingFlags flags = new SamplingFlags(1f, 500);

  @Option(
      names = "--prompt",
      description = "Text to continue (default: start of text, or a newline).")
  String prompt;

  @Option(
      names = "--no-cache",
      description =
          "Recompute the whole context for every token (nanoGPT's way) instead of the KV cache.")
  boolean noCache;

  @Option(
      names = "--benchmark",
      description =
          "Print no text: time --max-tokens tokens per run with the KV cache, and a tenth of"
              + " that without it, each after a warm-up (--warm-up); report medians in tokens/s.")
  boolean benchmark;

  @Option(
      names = "--dtype",
      defaultValue = "f32",
      paramLabel = "TYPE",
      description =
          "Weights the KV-cached decoder reads: f32 (default) or bf16 (rounded once, half the"
              + " memory traffic, f32 accumulation).")
  String dtype = "f32";

  @Option(
      names = "--runs",
      defaultValue = "5",
      description = "Timed runs of each kind for --benchmark (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warm-up",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description =
          "Warm-up before the timed runs of --benchmark: at least this long and two runs, longer"
              + " (up to four times) while the JIT still compiles (default ${DEFAULT-VALUE}).")
  double warmUpSeconds = 5;

  @Override
  public Integer call() throws IOException {
    SamplingOptions sampling = flags.options();
    new GenerationOptions(flags.maxTokens, -1, true); // validates before the (slower) load
    if (benchmark) {
      Checks.check(
          flags.maxTokens > 0,
          "sample: --benchmark needs --max-tokens > 0, got %d",
          flags.maxTokens);
      Checks.check(runs > 0, "sample: --runs must be positive, got %d", runs);
      Checks.check(
          warmUpSeconds >= 0 && Double.isFinite(warmUpSeconds),
          "sample: --warm-up must be >= 0 seconds, got %s",
          warmUpSeconds);
    }
    Checks.check(
        dtype.equals("f32") || dtype.equals("bf16"),
        "sample: --dtype must be f32 or bf16, got '%s'",
        dtype);
    RunModel loaded = RunModel.load(run.dir);
    useDtype(loaded.model(), dtype);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (benchmark) {
      benchmark(loaded.model(), loaded.tokenizer(), sampling, out);
    } else {
      sample(loaded.model(), loaded.tokenizer(), sampling, out, err);
    }
    return 0;
  }

  /** Makes the model decode with weights of {@code dtype} (f32 or bf16). */
  static void useDtype(LanguageModel model, String dtype) {
    boolean bf16 = dtype.equals("bf16");
    Checks.check(
        !bf16 || (model instanceof IncrementalDecoder d && d.useBf16Weights(true)),
        "sample: --dtype bf16 needs a model that decodes with a KV cache (gpt or modern)");
  }

  /** Times generation with and without the KV cache and prints one line for each. */
  void benchmark(
      LanguageModel model, Tokenizer tokenizer, SamplingOptions sampling, PrintWriter out) {
    GptConfig c = model.config();
    out.printf(
        Locale.ROOT,
        "sampling speed at batch 1: %d layers, %d heads, %d dims, context %d, vocab %d; %s;"
            + " weights %s; JDK %s, %d processors, load average %.2f%n",
        c.numLayers(),
        c.numHeads(),
        c.embedDim(),
        c.contextLength(),
        c.vocabSize(),
        sampling,
        dtype,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.flush();
    int[] ids = promptIds(tokenizer);
    for (boolean cache : new boolean[] {true, false}) {
      int tokens = cache ? flags.maxTokens : Math.max(1, flags.maxTokens / 10);
      var result =
          SamplingBenchmark.run(model, ids, cache, tokens, runs, warmUpSeconds, sampling.sampler());
      out.println(result.describe());
      out.flush();
    }
  }

  private int[] promptIds(Tokenizer tokenizer) {
    return prompt == null || prompt.isEmpty()
        ? SpecialTokens.defaultPrompt(tokenizer)
        : SpecialTokens.withBos(tokenizer, tokenizer.encode(prompt));
  }

  /** Generates and prints; the speed line goes to {@code err}. */
  GenerationResult sample(
      LanguageModel model,
      Tokenizer tokenizer,
      SamplingOptions sampling,
      PrintWriter out,
      PrintWriter err) {
    int[] ids = promptIds(tokenizer);
    var options = new GenerationOptions(flags.maxTokens, SpecialTokens.eos(tokenizer), !noCache);
    if (prompt != null) {
      out.print(prompt);
    }
    TextStream stream =
        new TextStream(tokenizer).prime(prompt == null ? new int[0] : tokenizer.encode(prompt));
    TokenListener listener =
        new TokenListener() {
          @Override
          public void onToken(int id, float[] logits) {
            out.print(stream.add(id));
            out.flush();
          }

          @Override
          public void onNotice(String message) {
            err.println("notice: " + message);
          }
        };
    GenerationResult result =
        new Generator(model)
            .generate(ids, options, sampling.sampler(), new Rng(flags.seed), listener);
    out.println();
    out.flush();
    err.println(speedLine(result, noCache, sampling));
    err.flush();
    return result;
  }

  /**
   * {@code generated 500 tokens in 0.80 s: 625 tokens/s overall, 1,400 tokens/s over the last 250
   * (the first tokens carry the prompt and the JIT warm-up; sample --benchmark times warmed-up
   * runs); kv cache on; temperature 1.0, ...}: says what each figure includes.
   */
  static String speedLine(GenerationResult result, boolean noCache, SamplingOptions sampling) {
    int n = result.tokens().length;
    double secondHalf = result.secondHalfTokensPerSecond();
    return String.format(
        Locale.ROOT,
        "generated %d tokens in %.2f s: %,.0f tokens/s overall%s (the first tokens carry the prompt"
            + " and the JIT warm-up; sample --benchmark times warmed-up runs); kv cache %s; %s%s",
        n,
        result.nanos() / 1e9,
        result.tokensPerSecond(),
        Double.isNaN(secondHalf)
            ? ""
            : String.format(
                Locale.ROOT, ", %,.0f tokens/s over the last %d", secondHalf, n - n / 2),
        noCache ? "off" : "on",
        sampling,
        result.stopReason() == GenerationResult.StopReason.EOS ? "; stopped at end of text" : "");
  }
}
