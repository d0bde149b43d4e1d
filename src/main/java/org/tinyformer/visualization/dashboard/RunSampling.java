package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.generation.GenerationOptions;
import org.tinyformer.generation.GenerationResult;
import org.tinyformer.generation.Generator;
import org.tinyformer.generation.TokenListener;
import org.tinyformer.generation.TokenProbabilities;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * Streams a sample token by token: for each new token its text, its probability under the model
 * (temperature 1) and the five most likely alternatives, then a summary. Stops at the request's
 * token budget, at the timeout, or when the browser goes away.
 */
final class RunSampling {
  /** Where the events go (an HTTP response as Server-Sent Events). */
  interface Sink {
    void send(String event, Object data) throws IOException;
  }

  private RunSampling() {}

  static void run(LoadedRun loaded, SampleRequest request, Sink sink) throws IOException {
    Tokenizer tokenizer = loaded.tokenizer();
    int[] prompt = tokenizer.encode(request.prompt());
    if (prompt.length == 0) {
      throw new IllegalArgumentException("sample: the prompt has no tokens");
    }
    long deadline = System.nanoTime() + SampleRequest.TIMEOUT_MILLIS * 1_000_000L;
    long start = System.nanoTime();
    Stop stop = new Stop();
    TokenListener listener =
        (id, logits) -> {
          TokenProbabilities p = TokenProbabilities.of(logits);
          List<Map<String, Object>> top = new ArrayList<>();
          for (TokenProbabilities.Candidate c : p.top(5)) {
            top.add(Map.of("text", tokenizer.decode(new int[] {c.id()}), "p", c.probability()));
          }
          Map<String, Object> token = new LinkedHashMap<>();
          token.put("text", tokenizer.decode(new int[] {id}));
          token.put("p", p.probability(id));
          token.put("top", top);
          try {
            sink.send("token", token);
          } catch (IOException e) {
            throw stop.because("disconnected");
          }
          if (System.nanoTime() > deadline) {
            throw stop.because("timeout");
          }
        };
    String reason;
    int produced;
    try {
      GenerationResult result =
          new Generator(loaded.languageModel())
              .generate(
                  prompt,
                  GenerationOptions.of(request.maxTokens()),
                  request.sampling().sampler(),
                  new Rng(request.seed()),
                  listener);
      reason = "max_tokens";
      produced = result.tokens().length;
    } catch (Stop s) {
      if (s.reason.equals("disconnected")) {
        return;
      }
      reason = s.reason;
      produced = -1;
    }
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("stop", reason);
    if (produced >= 0) {
      done.put("tokens", produced);
    }
    done.put("seconds", (System.nanoTime() - start) / 1e9);
    if (reason.equals("timeout")) {
      done.put(
          "message",
          "sample: stopped after the " + SampleRequest.TIMEOUT_MILLIS / 1000 + " s time limit");
    }
    sink.send("done", done);
  }

  /** Ends generation from inside the listener. */
  private static final class Stop extends RuntimeException {
    String reason = "";

    Stop() {
      super(null, null, false, false);
    }

    Stop because(String why) {
      reason = why;
      return this;
    }
  }
}
