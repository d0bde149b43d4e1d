package org.tinyformer.visualization.dashboard;

import java.util.Locale;
import org.tinyformer.generation.SamplingOptions;

/**
 * A sampling request from the browser, within the bounds that keep one tab from pinning the CPU: at
 * most {@link #MAX_TOKENS} new tokens, a prompt of at most {@link InsideRun#MAX_TEXT_CHARS}
 * characters, stopped after {@link #TIMEOUT_MILLIS} ms (and one at a time per run, see {@link
 * LoadedModels}).
 */
record SampleRequest(String prompt, int maxTokens, SamplingOptions sampling, long seed) {
  /** The most tokens one request may ask for. */
  static final int MAX_TOKENS = 500;

  /** A sample still running after this long is stopped where it is. */
  static final long TIMEOUT_MILLIS = 30_000;

  SampleRequest {
    InsideRun.checkText("sample", prompt);
    if (maxTokens < 1 || maxTokens > MAX_TOKENS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "sample: max_tokens must be between 1 and %d, got %d",
              MAX_TOKENS,
              maxTokens));
    }
  }

  /** Reads the query parameters (absent ones take their defaults). */
  static SampleRequest parse(
      String prompt, String maxTokens, String temperature, String topK, String topP, String seed) {
    return new SampleRequest(
        prompt,
        Params.integer("max_tokens", maxTokens, 100),
        new SamplingOptions(
            (float) Params.number("temperature", temperature, 0.8),
            Params.integer("top_k", topK, 0),
            (float) Params.number("top_p", topP, 1.0)),
        Params.integer("seed", seed, 1));
  }
}
