package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API on an ephemeral port over three tiny runs made by the project's trainer. */
class DashboardApiTest {
  @TempDir static Path dir;
  static Path runs;
  static Dashboard dashboard;
  static int port;

  @BeforeAll
  static void start() throws IOException {
    runs = FixtureRuns.make(dir);
    dashboard = Dashboard.start(DashboardOptions.of(runs));
    port = dashboard.port();
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  private static JsonNode get(String path) {
    Http r = Http.get(port, path);
    assertThat(r.status()).as(path + " -> " + r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void runsListsEveryRunWithItsFigures() {
    JsonNode list = get("/api/runs").get("runs");
    List<String> ids = new ArrayList<>();
    list.forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsAll(FixtureRuns.NAMES); // other tests add runs of their own
    for (String name : FixtureRuns.NAMES) {
      JsonNode r = find(list, name);
      assertThat(r.get("steps").asLong()).isEqualTo(12);
      assertThat(r.get("targetSteps").asLong()).isEqualTo(12);
      assertThat(r.get("status").asText()).isEqualTo("finished");
      assertThat(r.get("parameters").asLong()).isPositive();
      assertThat(r.get("tokens").asLong()).isEqualTo(12 * 2 * 16);
      assertThat(r.get("totalFlops").asDouble())
          .isEqualTo(r.get("flopsPerToken").asDouble() * r.get("tokens").asDouble());
      assertThat(r.get("lastValLoss").asDouble()).isPositive();
      assertThat(r.get("perplexity").asDouble())
          .isCloseTo(
              Math.exp(r.get("lastValLoss").asDouble()), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(r.get("bestValLoss").asDouble())
          .isLessThanOrEqualTo(r.get("lastValLoss").asDouble());
    }
    JsonNode modern = find(list, "modern-gpt");
    assertThat(modern.get("kind").asText()).isEqualTo("modern");
    assertThat(find(list, "char-gpt").get("kind").asText()).isEqualTo("gpt");
  }

  private static JsonNode find(JsonNode list, String id) {
    for (JsonNode r : list) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no run " + id);
  }

  @Test
  void seriesCarryTrainingAndEvaluationFields() {
    JsonNode s = get("/api/runs/char-gpt/series?x=tokens").get("series");
    assertThat(s.get("train.loss").get("x")).hasSize(6); // log_interval 2 over 12 steps
    assertThat(s.get("train.loss").get("x").get(0).asDouble()).isEqualTo(2 * 2 * 16);
    assertThat(s.get("eval.val_loss").get("y")).hasSize(3);
    assertThat(s.has("train.lr")).isTrue();
    assertThat(s.has("train.grad_norm")).isTrue();
    assertThat(s.has("train.tokens_per_sec")).isTrue();
    assertThat(get("/api/runs/char-gpt/series?x=flops").get("series").get("train.loss").get("x"))
        .hasSize(6);
    Http bad = Http.get(port, "/api/runs/char-gpt/series?x=epochs");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText())
        .isEqualTo("series: x must be one of step, tokens, flops, time, got 'epochs'");
  }

  @Test
  void longLogsAreDownsampledOnTheServer() throws IOException {
    Path run = runs.resolve("long");
    Files.createDirectories(run);
    StringBuilder sb = new StringBuilder();
    for (int step = 1; step <= 20_000; step++) {
      sb.append("{\"type\":\"train\",\"step\":")
          .append(step)
          .append(",\"tokens\":")
          .append(step * 64);
      sb.append(",\"lr\":0.001,\"loss\":").append(step == 7777 ? 99.0 : 3.0 - step * 1e-4);
      sb.append(",\"grad_norm\":1.0,\"tokens_per_sec\":1000.0,\"elapsed\":").append(step * 0.01);
      sb.append("}\n");
    }
    Files.writeString(run.resolve("log.jsonl"), sb);
    JsonNode loss = get("/api/runs/long/series").get("series").get("train.loss");
    assertThat(loss.get("x").size()).isLessThanOrEqualTo(2000).isGreaterThan(1000);
    double max = 0;
    for (JsonNode y : loss.get("y")) {
      max = Math.max(max, y.asDouble());
    }
    assertThat(max).as("the spike survives min/max buckets").isEqualTo(99.0);
    assertThat(
            get("/api/runs/long/series?points=100").get("series").get("train.loss").get("x").size())
        .isLessThanOrEqualTo(100);
  }

  @Test
  void logSinceReturnsTheNewRecordsAndWaitsForAPartialLine() throws IOException {
    Path run = runs.resolve("tail");
    Files.createDirectories(run);
    Path log = run.resolve("log.jsonl");
    Files.writeString(
        log, "{\"type\":\"train\",\"step\":1,\"loss\":3.5}\n{\"type\":\"train\",\"st");
    JsonNode first = get("/api/runs/tail/log?since=0");
    assertThat(first.get("records")).hasSize(1);
    assertThat(first.get("next").asInt()).isEqualTo(1);
    Files.writeString(
        log, "ep\":2,\"loss\":3.25}\nnot json\n", java.nio.file.StandardOpenOption.APPEND);
    JsonNode second = get("/api/runs/tail/log?since=1");
    assertThat(second.get("records")).hasSize(1);
    assertThat(second.get("records").get(0).get("step").asInt()).isEqualTo(2);
    assertThat(second.get("records").get(0).get("loss").asDouble()).isEqualTo(3.25);
    assertThat(
            get("/api/runs").get("runs").findValues("badLines").stream()
                .mapToInt(JsonNode::asInt)
                .sum())
        .isEqualTo(1);
  }

  @Test
  void taskRunsReportTheirAccuracy() throws IOException {
    Path run = runs.resolve("task");
    Files.createDirectories(run);
    Files.writeString(
        run.resolve("log.jsonl"),
        """
        {"type":"train","step":10,"tokens":640,"lr":0.001,"loss":1.5,"grad_norm":1.0,"tokens_per_sec":900.0,"elapsed":1.0}
        {"type":"eval","step":10,"tokens":640,"elapsed":1.1,"train_loss":1.4,"train_perplexity":4.05,"val_loss":1.5,"val_perplexity":4.48,"best":true}
        {"type":"accuracy","step":10,"tokens":640,"elapsed":1.2,"exact_match":0.25,"token_accuracy":0.5,"examples":250}
        {"type":"accuracy","step":20,"tokens":1280,"elapsed":2.2,"exact_match":0.75,"token_accuracy":0.9,"examples":250}
        """);
    JsonNode summary = get("/api/runs/task").get("summary");
    assertThat(summary.get("accuracy").asDouble()).isEqualTo(0.75);
    JsonNode s = get("/api/runs/task/series").get("series");
    assertThat(s.get("accuracy.exact_match").get("y").get(1).asDouble()).isEqualTo(0.75);
    assertThat(s.has("accuracy.token_accuracy")).isTrue();
    assertThat(s.has("accuracy.examples")).isFalse();
  }

  @Test
  void configAndModulesOfARun() {
    JsonNode c = get("/api/runs/modern-gpt/config");
    assertThat(c.get("values").get("training.steps").asInt()).isEqualTo(12);
    assertThat(c.get("values").get("model.kind").asText()).isEqualTo("modern");
    assertThat(c.get("yaml").asText()).contains("training:");
    long sum = 0;
    for (JsonNode n : c.get("modules")) {
      sum += n.asLong();
    }
    assertThat(sum).isEqualTo(c.get("parameters").asLong());
    assertThat(c.get("modules").has("blocks.0.attn")).isTrue();
  }

  @Test
  void compareTakesUpToEightRuns() {
    JsonNode c = get("/api/compare?runs=char-gpt,modern-gpt,bpe-gpt&x=time");
    assertThat(c.get("runs")).hasSize(3);
    assertThat(c.get("series").get("bpe-gpt").has("eval.val_perplexity")).isTrue();
    assertThat(c.get("configs").get("char-gpt").get("values").has("data.tokenizer")).isTrue();
    Http nine = Http.get(port, "/api/compare?runs=a,b,c,d,e,f,g,h,i");
    assertThat(nine.status()).isEqualTo(400);
    assertThat(nine.json().get("error").asText()).isEqualTo("compare: at most 8 runs, got 9");
    Http unknown = Http.get(port, "/api/compare?runs=char-gpt,nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unknown run: nope (see /api/runs)");
  }

  @Test
  void attentionGivesEveryHeadOfALayer() {
    JsonNode a = get("/api/runs/char-gpt/attention?prompt=Once%20upon&layer=1");
    assertThat(a.get("layers").asInt()).isEqualTo(2);
    assertThat(a.get("heads").asInt()).isEqualTo(2);
    assertThat(a.get("tokens")).hasSize(9);
    JsonNode head = a.get("weights").get(1);
    assertThat(head).hasSize(9);
    for (int q = 0; q < 9; q++) {
      double sum = 0;
      for (int k = 0; k < 9; k++) {
        sum += head.get(q).get(k).asDouble();
        if (k > q) {
          assertThat(head.get(q).get(k).asDouble()).as("causal").isZero();
        }
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
    Http badLayer = Http.get(port, "/api/runs/char-gpt/attention?prompt=Once&layer=5");
    assertThat(badLayer.json().get("error").asText())
        .isEqualTo("attention: layer must be between 0 and 1, got 5");
    Http cross = Http.get(port, "/api/runs/char-gpt/attention?prompt=Once&kind=cross");
    assertThat(cross.status()).isEqualTo(400);
  }

  @Test
  void tokenLossScoresTheValidationSplitOrATypedPassage() {
    JsonNode v = get("/api/runs/bpe-gpt/token-loss");
    assertThat(v.get("source").asText()).isEqualTo("validation");
    assertThat(v.get("tokens")).hasSize(17); // context 16 + 1
    assertThat(v.get("losses").get(0).isNull()).isTrue();
    assertThat(v.get("mean").asDouble()).isPositive();
    JsonNode t = get("/api/runs/char-gpt/token-loss?text=Once%20upon%20a%20time");
    assertThat(t.get("tokens")).hasSize(16);
    double sum = 0;
    for (int i = 1; i < 16; i++) {
      sum += t.get("losses").get(i).asDouble();
    }
    assertThat(t.get("mean").asDouble())
        .isCloseTo(sum / 15, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void samplingStreamsTokensWithinItsBounds() throws Exception {
    Http ok = Http.get(port, "/api/runs/char-gpt/sample?prompt=Once&max_tokens=5&seed=3");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().split("event: token\n", -1)).hasSize(6);
    assertThat(ok.body()).contains("event: done\ndata: {\"stop\":\"max_tokens\",\"tokens\":5");
    assertThat(ok.body()).contains("\"top\":[{");
    Http tooMany = Http.get(port, "/api/runs/char-gpt/sample?prompt=Once&max_tokens=501");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("error").asText())
        .isEqualTo("sample: max_tokens must be between 1 and 500, got 501");
    Http longPrompt = Http.get(port, "/api/runs/char-gpt/sample?prompt=" + "a".repeat(4001));
    assertThat(longPrompt.json().get("error").asText())
        .isEqualTo("sample: the text has 4001 characters, more than the limit of 4000");
    // one at a time per run: a second request while the first streams its tokens is refused
    try (java.net.Socket first = new java.net.Socket("127.0.0.1", port)) {
      first
          .getOutputStream()
          .write(
              ("GET /api/runs/modern-gpt/sample?prompt=Once&max_tokens=500 HTTP/1.1\r\n"
                      + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  first.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null && !line.contains("event: token")) {
        // until the first token: the run's model is now generating
      }
      assertThat(line).isNotNull();
      Http second = Http.get(port, "/api/runs/modern-gpt/sample?prompt=Once&max_tokens=1");
      assertThat(second.status()).as(second.body()).isEqualTo(429);
      assertThat(second.json().get("error").asText())
          .isEqualTo(
              "sample: run modern-gpt is already generating a sample; wait for it to finish (one"
                  + " at a time per run)");
    }
  }

  @Test
  void pagesAndUplotAreServedFromTheJar() {
    assertThat(Http.get(port, "/").body()).contains("<title>tinyformer · runs</title>");
    assertThat(Http.get(port, "/compare.html").body()).contains("static/compare.js");
    assertThat(Http.get(port, "/static/uPlot.min.js").body()).contains("uPlot");
    assertThat(Http.get(port, "/static/runs.js").status()).isEqualTo(200);
    assertThat(Http.get(port, "/static/nothing.js").status()).isEqualTo(404);
  }
}
