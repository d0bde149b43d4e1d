package org.tinyformer.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.IncrementalDecoder;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.nn.KvCache;
import org.tinyformer.tensor.Tensor;

class GeneratorTest {
  private static final GptConfig CONFIG = GptConfig.gpt2(33, 24, 2, 2, 16, 0f);

  private static class Recorder implements TokenListener {
    final List<Integer> tokens = new ArrayList<>();
    final List<String> notices = new ArrayList<>();

    @Override
    public void onToken(int id, float[] logits) {
      tokens.add(id);
    }

    @Override
    public void onNotice(String message) {
      notices.add(message);
    }
  }

  private static GenerationResult run(Gpt gpt, int[] prompt, GenerationOptions o, Sampler s) {
    return new Generator(gpt).generate(prompt, o, s, new Rng(5), TokenListener.NONE);
  }

  @Test
  void cachedAndUncachedGreedyAgreeWithinTheContext() {
    for (GptConfig c : List.of(CONFIG, CONFIG.modern())) {
      Gpt gpt = new Gpt(c, new Rng(1));
      int[] prompt = {1, 2, 3, 4};
      var options = GenerationOptions.of(20);
      int[] cached = run(gpt, prompt, options, new GreedySampler()).tokens();
      int[] full = run(gpt, prompt, options.withKvCache(false), new GreedySampler()).tokens();
      assertThat(cached).hasSize(20).containsExactly(full);
    }
  }

  @Test
  void cachedAndUncachedSamplingAgreeWithTheSameSeed() {
    Gpt gpt = new Gpt(CONFIG.modern(), new Rng(2));
    Sampler s = new SamplingOptions(1.2f, 10, 0.95f).sampler();
    int[] a = run(gpt, new int[] {7}, GenerationOptions.of(23), s).tokens();
    int[] b = run(gpt, new int[] {7}, GenerationOptions.of(23).withKvCache(false), s).tokens();
    assertThat(a).containsExactly(b);
  }

  @Test
  void keepsGeneratingPastTheContextWithAContextShift() {
    Gpt gpt = new Gpt(CONFIG, new Rng(3));
    var recorder = new Recorder();
    GenerationResult r =
        new Generator(gpt)
            .generate(
                new int[] {1},
                GenerationOptions.of(100),
                new CategoricalSampler(),
                new Rng(4),
                recorder);
    assertThat(r.tokens()).hasSize(100);
    assertThat(recorder.tokens).hasSize(100);
    assertThat(r.stopReason()).isEqualTo(GenerationResult.StopReason.MAX_TOKENS);
  }

  @Test
  void fillingTheNextWindowAlongGivesTheSamplesAndLogitsOfRecomputingIt() {
    for (GptConfig c : List.of(CONFIG, CONFIG.modern())) {
      Gpt gpt = new Gpt(c, new Rng(9));
      assertThat(gpt.decodesAlongCheaply()).isTrue();
      // context 24: shifts keep 12 tokens; a prompt past position 13 leaves the first shift alone
      for (int[] prompt : new int[][] {{1}, GptTestIds.random(20, 33)}) {
        var along = new LogitsRecorder();
        var recomputed = new LogitsRecorder();
        Sampler s = new CategoricalSampler();
        var options = GenerationOptions.of(100);
        new Generator(gpt).generate(prompt, options, s, new Rng(10), along);
        new Generator(new Recomputing(gpt)).generate(prompt, options, s, new Rng(10), recomputed);
        assertThat(along.tokens).hasSize(100).containsExactlyElementsOf(recomputed.tokens);
        for (int i = 0; i < 100; i++) {
          assertThat(along.logits.get(i))
              .as("token %d", i)
              .containsExactly(recomputed.logits.get(i));
        }
      }
    }
  }

  /** Records every token and a copy of its logits. */
  private static final class LogitsRecorder extends Recorder {
    final List<float[]> logits = new ArrayList<>();

    @Override
    public void onToken(int id, float[] logits) {
      super.onToken(id, logits);
      this.logits.add(logits.clone());
    }
  }

  /**
   * A GPT that does not fill the next window's cache along: the Generator recomputes the window.
   */
  private record Recomputing(Gpt gpt) implements LanguageModel, IncrementalDecoder {
    @Override
    public GptConfig config() {
      return gpt.config();
    }

    @Override
    public float forwardBackward(int[] inputs, int[] targets, int B, int T) {
      return gpt.forwardBackward(inputs, targets, B, T);
    }

    @Override
    public float loss(int[] inputs, int[] targets, int B, int T) {
      return gpt.loss(inputs, targets, B, T);
    }

    @Override
    public float[] logits(int[] inputs, int B, int T) {
      return gpt.logits(inputs, B, T);
    }

    @Override
    public Map<String, Tensor> parameters() {
      return gpt.parameters();
    }

    @Override
    public void setTraining(boolean training) {
      gpt.setTraining(training);
    }

    @Override
    public KvCache newCache(int batchSize) {
      return gpt.newCache(batchSize);
    }

    @Override
    public float[] decode(int[] ids, int B, int T, KvCache cache) {
      return gpt.decode(ids, B, T, cache);
    }

    @Override
    public float[] decodeLast(int[] ids, int B, int T, KvCache cache) {
      return gpt.decodeLast(ids, B, T, cache);
    }
  }

  @Test
  void stopsAtEndOfSequenceWithoutEmittingIt() {
    Gpt gpt = new Gpt(CONFIG, new Rng(3));
    int[] free = run(gpt, new int[] {1}, GenerationOptions.of(30), new GreedySampler()).tokens();
    int eos = free[4];
    int firstEos = 0;
    while (free[firstEos] != eos) {
      firstEos++;
    }
    GenerationResult r =
        run(gpt, new int[] {1}, GenerationOptions.of(30).withEos(eos), new GreedySampler());
    assertThat(r.stopReason()).isEqualTo(GenerationResult.StopReason.EOS);
    assertThat(r.tokens()).hasSize(firstEos).doesNotContain(eos);
  }

  @Test
  void stopsWhenTheListenerAsksAndTimesTheSecondHalf() {
    Gpt gpt = new Gpt(CONFIG, new Rng(3));
    var listener =
        new Recorder() {
          @Override
          public boolean stopRequested() {
            return tokens.size() == 12;
          }
        };
    GenerationResult r =
        new Generator(gpt)
            .generate(
                new int[] {1}, GenerationOptions.of(30), new GreedySampler(), new Rng(4), listener);
    assertThat(r.stopReason()).isEqualTo(GenerationResult.StopReason.STOPPED);
    assertThat(r.tokens()).hasSize(12);
    assertThat(r.tokenNanos()).hasSize(12).isSorted();
    assertThat(r.secondHalfTokensPerSecond()).isPositive().isFinite();
    GenerationResult few = run(gpt, new int[] {1}, GenerationOptions.of(3), new GreedySampler());
    assertThat(few.secondHalfTokensPerSecond()).isNaN();
  }

  @Test
  void cropsALongPromptFromTheLeftWithANotice() {
    Gpt gpt = new Gpt(CONFIG, new Rng(6));
    int[] longPrompt = GptTestIds.random(30, 33);
    int[] tail = java.util.Arrays.copyOfRange(longPrompt, 6, 30);
    var recorder = new Recorder();
    int[] a =
        new Generator(gpt)
            .generate(
                longPrompt, GenerationOptions.of(5), new GreedySampler(), new Rng(1), recorder)
            .tokens();
    assertThat(recorder.notices)
        .containsExactly("prompt has 30 tokens but contextLength is 24; keeping the last 24");
    assertThat(a)
        .containsExactly(run(gpt, tail, GenerationOptions.of(5), new GreedySampler()).tokens());
  }

  @Test
  void streamsEveryTokenToTheListenerInOrder() {
    Gpt gpt = new Gpt(CONFIG, new Rng(7));
    var recorder = new Recorder();
    int[] tokens =
        new Generator(gpt)
            .generate(
                new int[] {3},
                GenerationOptions.of(12),
                new CategoricalSampler(),
                new Rng(8),
                recorder)
            .tokens();
    assertThat(recorder.tokens)
        .containsExactly(java.util.Arrays.stream(tokens).boxed().toArray(Integer[]::new));
  }

  @Test
  void zeroMaxTokensGeneratesNothing() {
    Gpt gpt = new Gpt(CONFIG, new Rng(7));
    assertThat(run(gpt, new int[] {3}, GenerationOptions.of(0), new GreedySampler()).tokens())
        .isEmpty();
  }

  @Test
  void rejectsAnEmptyPrompt() {
    Gpt gpt = new Gpt(CONFIG, new Rng(7));
    assertThatThrownBy(() -> run(gpt, new int[0], GenerationOptions.of(3), new GreedySampler()))
        .hasMessage("generate: the prompt is empty; give at least one token");
  }

  /** Seeded random ids. */
  static final class GptTestIds {
    static int[] random(int n, int vocab) {
      Rng rng = new Rng(99);
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = rng.nextInt(vocab);
      }
      return ids;
    }
  }
}
