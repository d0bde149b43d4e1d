package org.tinyformer.generation;

import java.util.Arrays;
import org.tinyformer.base.Checks;
import org.tinyformer.base.Rng;
import org.tinyformer.models.IncrementalDecoder;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.nn.KvCache;

/**
 * Autoregressive generation at batch 1: prompt ids in, new ids streamed out one at a time. With the
 * KV cache, each token costs one position; when the context is full, the cache restarts from the
 * last half of the context (a "context shift", as llama.cpp does). Without it, every token
 * recomputes the last {@code contextLength} tokens, as nanoGPT does (through the same inference
 * path with an emptied cache when the model has one). The listener may stop it after any token.
 *
 * <p>{@code new Generator(model).generate(prompt, GenerationOptions.of(200), sampler, rng, l);}
 */
public final class Generator {
  private final LanguageModel model;
  private final int contextLength;
  private final int vocabSize;

  public Generator(LanguageModel model) {
    this.model = model;
    this.contextLength = model.config().contextLength();
    this.vocabSize = model.config().vocabSize();
  }

  /**
   * Generates after {@code prompt} (at least one token; a prompt longer than the context is cropped
   * from the left, with a notice to the listener), calling the listener for every new token.
   */
  public GenerationResult generate(
      int[] prompt, GenerationOptions options, Sampler sampler, Rng rng, TokenListener listener) {
    Checks.check(prompt.length > 0, "generate: the prompt is empty; give at least one token");
    long start = System.nanoTime();
    int[] window = prompt;
    if (prompt.length > contextLength) {
      listener.onNotice(
          String.format(
              "prompt has %d tokens but contextLength is %d; keeping the last %d",
              prompt.length, contextLength, contextLength));
      window = Arrays.copyOfRange(prompt, prompt.length - contextLength, prompt.length);
    }
    model.setTraining(false);
    Step step =
        model instanceof IncrementalDecoder decoder
            ? new CachedStep(decoder, options.useKvCache())
            : new FullStep();
    int[] history = Arrays.copyOf(window, window.length + Math.min(options.maxTokens(), 1024));
    int length = window.length;
    float[] logits = options.maxTokens() > 0 ? step.first(window) : null;
    var stop = GenerationResult.StopReason.MAX_TOKENS;
    int produced = 0;
    long[] tokenNanos = new long[options.maxTokens()];
    while (produced < options.maxTokens()) {
      int next = sampler.sample(logits, rng);
      if (next == options.eosId()) {
        stop = GenerationResult.StopReason.EOS;
        break;
      }
      if (length == history.length) {
        history = Arrays.copyOf(history, length + Math.min(length, options.maxTokens() - produced));
      }
      history[length++] = next;
      tokenNanos[produced++] = System.nanoTime() - start;
      listener.onToken(next, logits);
      if (listener.stopRequested()) {
        stop = GenerationResult.StopReason.STOPPED;
        break;
      }
      if (produced < options.maxTokens()) {
        logits = step.next(history, length);
      }
    }
    int[] tokens = Arrays.copyOfRange(history, length - produced, length);
    return new GenerationResult(
        tokens, stop, System.nanoTime() - start, Arrays.copyOf(tokenNanos, produced));
  }

  /** How the logits of the next position are computed. */
  private interface Step {
    /** Logits (V) after the (cropped) prompt. */
    float[] first(int[] window);

    /** Logits (V) after history[0 .. length), whose last token is new. */
    float[] next(int[] history, int length);
  }

  /** For models without incremental decoding: the full forward of the last contextLength tokens. */
  private final class FullStep implements Step {
    @Override
    public float[] first(int[] window) {
      float[] all = model.logits(window, 1, window.length); // (1, T, V)
      return Arrays.copyOfRange(all, all.length - vocabSize, all.length);
    }

    @Override
    public float[] next(int[] history, int length) {
      int from = Math.max(0, length - contextLength);
      return first(Arrays.copyOfRange(history, from, length));
    }
  }

  /**
   * With the KV cache: one new position per token; a context shift when the cache is full. Without
   * reuse, the cache is emptied and the whole window recomputed for every token.
   *
   * <p>The shift restarts from the last {@code keep} tokens, whose keys and values change with
   * their positions (learned or rotary). When the model decodes two rows for about the price of one
   * ({@link IncrementalDecoder#decodesAlongCheaply}), every token that will be in the next window
   * also goes, at its position there, into a second cache in the same call; at the shift that cache
   * takes over and the window is not recomputed. Same bits as recomputing it, so the same samples.
   */
  private final class CachedStep implements Step {
    private final IncrementalDecoder decoder;
    private final boolean reuse;
    private final int keep; // tokens the context shift keeps
    private final int along; // first position whose token is also in the next window
    private final boolean alongCheaply; // whether to fill the next window's cache as we go
    private final int[] one = new int[1];
    private KvCache cache;
    private KvCache next; // the next window's cache, made when first needed

    CachedStep(IncrementalDecoder decoder, boolean reuse) {
      this.decoder = decoder;
      this.cache = decoder.newCache(1);
      this.reuse = reuse;
      this.keep = Math.max(1, contextLength / 2);
      this.along = contextLength - keep + 1; // the new token of the shift is not cached yet
      this.alongCheaply = reuse && decoder.decodesAlongCheaply();
    }

    @Override
    public float[] first(int[] window) {
      cache.clear();
      if (next != null) {
        next.clear();
      }
      return decoder.decodeLast(window, 1, window.length, cache); // (1, V)
    }

    @Override
    public float[] next(int[] history, int length) {
      if (!reuse) {
        return first(Arrays.copyOfRange(history, Math.max(0, length - contextLength), length));
      }
      one[0] = history[length - 1];
      if (cache.length() == contextLength) {
        if (next != null && next.length() == keep - 1) { // holds the window but its last token
          float[] logits = decoder.decodeLast(one, 1, 1, next); // (1, V)
          KvCache full = cache;
          cache = next;
          next = full;
          next.clear();
          return logits;
        }
        return first(Arrays.copyOfRange(history, length - keep, length));
      }
      if (alongCheaply && next == null && cache.length() == along) {
        next = decoder.newCache(1);
      }
      if (next != null && cache.length() >= along && next.length() == cache.length() - along) {
        return decoder.decodeLastAlong(one[0], cache, next); // (1, V)
      }
      return decoder.decodeLast(one, 1, 1, cache); // (1, V)
    }
  }
}
