package org.tinyformer.visualization.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.cli.Main;

/**
 * Task runs in the dashboard: a reverse run on the encoder-decoder and one on the decoder-only GPT,
 * each trained for a few steps by {@code tinyformer task}'s trainer; the runs table, the accuracy
 * series and the attention explorer's kinds (cross, encoder, decoder; self).
 */
class DashboardTaskRunTest {
  @TempDir static Path dir;
  static Dashboard dashboard;
  static int port;

  @BeforeAll
  static void start() {
    Path runs = dir.resolve("runs");
    train(runs.resolve("reverse-encdec"), "encdec");
    train(runs.resolve("reverse-gpt"), "gpt");
    dashboard = Dashboard.start(DashboardOptions.of(runs));
    port = dashboard.port();
  }

  @AfterAll
  static void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  static void train(Path runDir, String model) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "task",
                "reverse",
                "--model",
                model,
                "--run-dir",
                runDir.toString(),
                "--set",
                "model.embed_dim=16",
                "--set",
                "training.steps=8",
                "--set",
                "training.batch_size=8",
                "--set",
                "training.warmup_steps=2",
                "--set",
                "training.eval_interval=4",
                "--set",
                "training.eval_batches=1",
                "--set",
                "training.log_interval=2",
                "--set",
                "task.held_out=20"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as("train %s: %s", runDir, err).isZero();
  }

  private static JsonNode get(String path) {
    Http r = Http.get(port, path);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void taskRunsAreListedWithTheirTask() {
    JsonNode runs = get("/api/runs").get("runs");
    assertThat(runs.findValuesAsText("id")).containsExactly("reverse-encdec", "reverse-gpt");
    assertThat(runs.get(0).get("kind").asText()).isEqualTo("encdec · reverse");
    assertThat(runs.get(1).get("kind").asText()).isEqualTo("gpt · reverse");
    assertThat(runs.get(0).get("steps").asLong()).isEqualTo(8);
  }

  @Test
  void anEncoderDecoderOffersCrossEncoderAndDecoderAttention() {
    JsonNode cross = get("/api/runs/reverse-encdec/attention?prompt=3%201%204%201&layer=1");
    assertThat(cross.get("kinds").toString()).isEqualTo("[\"cross\",\"encoder\",\"decoder\"]");
    assertThat(cross.get("kind").asText()).isEqualTo("cross");
    assertThat(cross.get("input").asText()).startsWith("reverse: 3 1 4 1 -> ");
    int queries = cross.get("tokens").size();
    assertThat(cross.get("keyTokens")).hasSize(4); // the source
    JsonNode head = cross.get("weights").get(0);
    assertThat(head).hasSize(queries);
    for (JsonNode row : head) {
      double sum = 0;
      for (JsonNode w : row) {
        sum += w.asDouble();
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
    JsonNode encoder = get("/api/runs/reverse-encdec/attention?prompt=3%201%204%201&kind=encoder");
    assertThat(encoder.get("tokens")).hasSize(4);
    assertThat(encoder.get("keyTokens")).hasSize(4);
    JsonNode decoder = get("/api/runs/reverse-encdec/attention?prompt=3%201%204%201&kind=decoder");
    assertThat(decoder.get("tokens")).hasSize(queries);
    Http self = Http.get(port, "/api/runs/reverse-encdec/attention?prompt=3%201&kind=self");
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.json().get("error").asText())
        .isEqualTo(
            "attention: run reverse-encdec is an encoder-decoder; kind must be one of cross,"
                + " encoder, decoder, got 'self'");
  }

  @Test
  void anEmptyPromptTakesAHeldOutExampleAndAGptTaskRunHasSelfAttention() {
    JsonNode a = get("/api/runs/reverse-gpt/attention?prompt=");
    assertThat(a.get("kinds").toString()).isEqualTo("[\"self\"]");
    assertThat(a.get("input").asText()).startsWith("reverse: ");
    int n = a.get("tokens").size();
    assertThat(a.get("keyTokens")).hasSize(n);
    JsonNode head = a.get("weights").get(0);
    for (int q = 0; q < n; q++) {
      for (int k = q + 1; k < n; k++) {
        assertThat(head.get(q).get(k).asDouble()).as("causal").isZero();
      }
    }
  }

  @Test
  void accuracyRecordsBecomeASeries() {
    JsonNode series = get("/api/runs/reverse-encdec/series?x=step").get("series");
    assertThat(series.fieldNames()).toIterable().anyMatch(f -> f.startsWith("accuracy."));
  }
}
