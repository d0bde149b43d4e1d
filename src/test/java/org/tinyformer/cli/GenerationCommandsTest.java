package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.generation.GenerationResult;
import org.tinyformer.generation.LetterTokenizer;
import org.tinyformer.generation.SamplingOptions;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;

/** The core of sample, predict and inspect on an in-memory model (loading is tested with io). */
class GenerationCommandsTest {
  private final Gpt gpt = new Gpt(GptConfig.gpt2(33, 16, 2, 2, 16, 0f), new Rng(1));
  private final LetterTokenizer tokenizer = new LetterTokenizer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private GenerationResult sample(String prompt, int maxTokens, SamplingOptions options) {
    SampleCommand c = new SampleCommand();
    c.prompt = prompt;
    c.flags.maxTokens = maxTokens;
    c.flags.seed = 3;
    return c.sample(gpt, tokenizer, options, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void samplePrintsThePromptItsContinuationAndTheSpeed() {
    GenerationResult r = sample("to be", 20, SamplingOptions.DEFAULT);
    assertThat(out.toString()).startsWith("to be" + tokenizer.decode(r.tokens()));
    assertThat(err.toString())
        .matches(
            "generated \\d+ tokens in [0-9.]+ s: [0-9,]+ tokens/s overall(, [0-9,]+ tokens/s over"
                + " the last \\d+)? \\(the first tokens carry the prompt and the JIT warm-up; sample"
                + " --benchmark times warmed-up runs\\); kv cache on; temperature .*\\n");
    if (r.tokens().length >= 8) {
      assertThat(err.toString())
          .contains(
              " tokens/s over the last " + (r.tokens().length - r.tokens().length / 2) + " (");
    }
  }

  @Test
  void benchmarkPrintsTheSpeedWithAndWithoutTheCache() {
    SampleCommand c = new SampleCommand();
    c.prompt = "to";
    c.flags.maxTokens = 40;
    c.runs = 2;
    c.warmUpSeconds = 0;
    c.benchmark(gpt, tokenizer, SamplingOptions.DEFAULT, new PrintWriter(out));
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("sampling speed at batch 1: 2 layers, 2 heads, 16 dims");
    assertThat(lines[1])
        .matches(
            "kv cache on : median [0-9,.]+ tokens/s .* over 2 runs of 40 tokens after 2 warm-up"
                + " runs \\([0-9.]+ s; JIT ([0-9]+ ms|time unknown) in the timed runs\\)");
    assertThat(lines[2])
        .matches("kv cache off: median [0-9,.]+ tokens/s .* over 2 runs of 4 tokens after .*");
  }

  @Test
  void sampleCropsALongPromptWithANotice() {
    sample("a long prompt of more than sixteen letters", 3, SamplingOptions.GREEDY);
    assertThat(err.toString())
        .startsWith("notice: prompt has 42 tokens but contextLength is 16; keeping the last 16");
  }

  @Test
  void predictShowsTheTopTokensWithProbabilities() {
    PredictCommand c = new PredictCommand();
    c.prompt = "hello";
    c.top = 5;
    c.temperature = 1f;
    c.predict(gpt, tokenizer, new PrintWriter(out));
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).isEqualTo("next token after \"hello\" (5 tokens):");
    assertThat(lines[1]).contains("rank", "token", "id", "probability", "log-prob");
    assertThat(lines).hasSize(2 + 5 + 1);
    assertThat(lines[2]).matches(" +1  \".*\" +\\d+ +\\d+\\.\\d\\d% +-?\\d+\\.\\d{3}  #*");
    assertThat(lines[7]).startsWith("top 5 cover ");
  }

  @Test
  void temperatureSharpensOrFlattensThePrediction() {
    double[] top = new double[3];
    float[] temperatures = {0.5f, 1f, 2f};
    for (int i = 0; i < 3; i++) {
      out.getBuffer().setLength(0);
      PredictCommand c = new PredictCommand();
      c.prompt = "hello";
      c.top = 1;
      c.temperature = temperatures[i];
      c.predict(gpt, tokenizer, new PrintWriter(out));
      String row = out.toString().split("\n")[2];
      top[i] = Double.parseDouble(row.replaceAll(".* (\\d+\\.\\d\\d)%.*", "$1"));
    }
    assertThat(top[0]).isGreaterThan(top[1]);
    assertThat(top[1]).isGreaterThan(top[2]);
    assertThat(out.toString())
        .startsWith("next token after \"hello\" (5 tokens), temperature 2.0:");
  }

  @Test
  void logProbabilitiesStayExactWhereProbabilitiesUnderflow() {
    float[] logits = {0f, -49.1f, -200f};
    assertThat(PredictCommand.logProbability(logits, 0)).isCloseTo(0, within(1e-9));
    assertThat(PredictCommand.logProbability(logits, 1)).isCloseTo(-49.1, within(1e-5));
    assertThat(PredictCommand.logProbability(logits, 2)).isCloseTo(-200, within(1e-5));
  }

  @Test
  void inspectShowsConfigParametersAndFlops() {
    Gpt model = new Gpt(GptConfig.preset("shakespeare-char"), new Rng(1));
    InspectCommand.report(model, false, new PrintWriter(out));
    String text = out.toString();
    assertThat(text)
        .contains("vocabSize 65, contextLength 64, numLayers 4, numHeads 4, embedDim 128")
        .containsPattern("blocks.0.attn.qkv +weight +\\(384, 128\\) +49,152")
        .doesNotContain("blocks.1.attn")
        .containsPattern("blocks.1 .. blocks.3 +3 more blocks like blocks.0 \\(198,272 parameters")
        .contains("total 809,856 parameters (0.81M)")
        .contains("FLOPs per token at context 64: forward ");
  }

  @Test
  void inspectAllListsEveryBlock() {
    InspectCommand.report(gpt, true, new PrintWriter(out));
    assertThat(out.toString()).contains("blocks.1.mlp").doesNotContain("more blocks like");
  }

  @Test
  void commandsAreRegisteredAndValidateTheirOptions() {
    int code =
        Main.run(
            new String[] {"sample", "--run", "nowhere", "--temperature", "-1"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("error: sampling: temperature must be >= 0 (0 = greedy), got -1.0\n");
  }

  @Test
  void hugeMaxTokensAreAUsageErrorBeforeAnythingIsLoaded() {
    for (String n : new String[] {"2147483647", "2000000000"}) {
      err.getBuffer().setLength(0);
      int code =
          Main.run(
              new String[] {"sample", "--run", "nowhere", "--max-tokens", n},
              new PrintWriter(out),
              new PrintWriter(err));
      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .startsWith("error: generation: max tokens must be in 0..1,000,000, got ");
    }
  }

  @Test
  void generationPastTheFirstHistoryBlockGrowsItsBuffer() {
    GenerationResult r = sample("ab", 3000, new SamplingOptions(0f, 0, 1f));
    assertThat(r.tokens()).hasSize(3000);
  }
}
