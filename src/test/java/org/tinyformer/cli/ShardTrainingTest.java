package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.data.shards.ShardDirectory;
import org.tinyformer.tokenizers.CharTokenizer;

/**
 * {@code train --data DIR} on a shard directory: the same loss curve as the single text file with
 * the same tokens, and a run resumed in the middle (windows drawn across shard boundaries) ends
 * with exactly the records of the uninterrupted run.
 */
class ShardTrainingTest {
  private static final Path SHAKESPEARE = Path.of("../shared/data/tinyshakespeare.txt");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(List<String> args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  private int train(Path data, Path runDir, int steps, boolean resume) {
    List<String> args = new ArrayList<>(List.of("train", "--preset", "shakespeare-char"));
    args.addAll(List.of("--data", data.toString(), "--run-dir", runDir.toString()));
    for (String set :
        List.of(
            "data.tokenizer_file=" + dir.resolve("char.json"),
            "model.num_layers=1",
            "model.num_heads=2",
            "model.embed_dim=16",
            "model.context_length=32",
            "training.batch_size=4",
            "training.warmup_steps=2",
            "training.eval_interval=3",
            "training.eval_batches=2",
            "training.log_interval=1",
            "training.checkpoint_interval=3",
            "training.steps=" + steps)) {
      args.addAll(List.of("--set", set));
    }
    if (resume) {
      args.add("--resume");
    }
    return run(args);
  }

  /** The losses of a run's log, one line per train or eval record, in order. */
  private static List<String> losses(Path runDir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("log.jsonl"))) {
      JsonNode r = JSON.readTree(line);
      switch (r.get("type").asText()) {
        case "train" -> lines.add("train " + r.get("step") + " " + r.get("loss"));
        case "eval" ->
            lines.add(
                "eval " + r.get("step") + " " + r.get("train_loss") + " " + r.get("val_loss"));
        default -> {}
      }
    }
    return lines;
  }

  private Path corpus() throws IOException {
    assertThat(SHAKESPEARE).as("shared data beside the repository").exists();
    String text = Files.readString(SHAKESPEARE).substring(0, 20_000);
    Path file = Files.writeString(dir.resolve("text.txt"), text);
    CharTokenizer.fit(text).save(dir.resolve("char.json"));
    Path shards = dir.resolve("shards");
    List<String> pre =
        List.of(
            "tokenizer",
            "pretokenize",
            "--input",
            file.toString(),
            "--tokenizer",
            dir.resolve("char.json").toString(),
            "--out",
            shards.toString(),
            "--shard-tokens",
            "3000");
    assertThat(run(pre)).as(err.toString()).isZero();
    assertThat(ShardDirectory.open(shards).shardCount()).isEqualTo(7);
    return shards;
  }

  @Test
  void shardsGiveTheLossCurveOfTheSingleFileAndResumeExactly() throws IOException {
    Path shards = corpus();
    Path fromText = dir.resolve("text-run");
    Path fromShards = dir.resolve("shard-run");
    assertThat(train(dir.resolve("text.txt"), fromText, 9, false)).as(err.toString()).isZero();
    assertThat(train(shards, fromShards, 9, false)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("7 uint16 shards, memory-mapped");
    List<String> curve = losses(fromShards);
    assertThat(curve).hasSize(9 + 3);
    assertThat(curve).isEqualTo(losses(fromText));

    Path split = dir.resolve("split-run");
    assertThat(train(shards, split, 3, false)).as(err.toString()).isZero();
    assertThat(train(shards, split, 9, true)).as(err.toString()).isZero();
    assertThat(losses(split)).isEqualTo(curve);
  }
}
