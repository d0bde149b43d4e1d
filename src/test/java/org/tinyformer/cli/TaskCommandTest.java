package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.TrainingState;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.CharTokenizer;
import org.tinyformer.training.JsonlLog;
import org.tinyformer.visualization.AttentionFigures;

class TaskCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static final String[] TINY = {
    "--set", "model.num_layers=1", "--set", "model.num_heads=2", "--set", "model.embed_dim=16",
    "--set", "training.steps=6", "--set", "training.batch_size=4", "--set",
        "training.eval_interval=3",
    "--set", "training.log_interval=2", "--set", "task.held_out=8", "--set", "task.max_length=4",
    "--set", "task.length_gen_max=5"
  };

  private Path trainTiny(String task, String name) {
    Path runDir = dir.resolve(name);
    String[] args = new String[TINY.length + 4];
    args[0] = "task";
    args[1] = task;
    args[2] = "--run-dir";
    args[3] = runDir.toString();
    System.arraycopy(TINY, 0, args, 4, TINY.length);
    assertThat(run(args)).as(err.toString()).isZero();
    return runDir;
  }

  @Test
  void trainsEvaluatesAndWritesTheRun() throws Exception {
    Path runDir = trainTiny("reverse", "rev");
    assertThat(runDir.resolve("config.yaml")).exists();
    assertThat(runDir.resolve("checkpoints/last/model.safetensors")).exists();
    assertThat(Files.readString(runDir.resolve("log.jsonl")))
        .contains("\"type\":\"train\"")
        .contains("\"type\":\"eval\"")
        .contains("\"type\":\"result\"");
    assertThat(ImageIO.read(runDir.resolve("plots/curves.png").toFile())).isNotNull();
    assertThat(out.toString()).contains("reverse held-out").contains("reverse length-gen");
    // three held-out inputs with the model's outputs at each of the 2 evaluations, five at the end
    String example = "  reverse [0-9]( [0-9])* -> .+   (ok|wrong, expected [0-9]( [0-9])*)";
    assertThat(out.toString().lines().filter(l -> l.matches(example))).hasSize(3 + 3 + 5);
    assertThat(run("eval", "--run", runDir.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("(?s)reverse held-out.*reverse held-out");
  }

  @Test
  void trainsTheDecoderOnlyGptOnTheSameTask() {
    Path runDir = dir.resolve("gpt");
    String[] args = new String[TINY.length + 6];
    System.arraycopy(
        new String[] {"task", "sort", "--model", "gpt", "--run-dir", runDir.toString()},
        0,
        args,
        0,
        6);
    System.arraycopy(TINY, 0, args, 6, TINY.length);
    assertThat(run(args)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("kind: gpt").contains("sort held-out");
    assertThat(run("attention", "--run", runDir.toString(), "--input", "3 1 2"))
        .as(err.toString())
        .isZero();
    assertThat(runDir.resolve("plots/attention-decoder.png")).exists();
    assertThat(run("attention", "--run", runDir.toString(), "--input", "3 1 2", "--kind", "cross"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("causal self-attention only");
  }

  /**
   * train --preset TASK --model KIND trains the decoder-only models on a task preset written for
   * the encoder-decoder (its sinusoidal positions become learned, as task --model gpt does).
   */
  @ParameterizedTest
  @ValueSource(strings = {"gpt", "modern", "handwritten"})
  void trainPresetOfATaskWithADecoderOnlyModel(String kind) throws Exception {
    Path runDir = dir.resolve("train-" + kind);
    List<String> args =
        new java.util.ArrayList<>(
            List.of("train", "--preset", "reverse", "--model", kind, "--run-dir", runDir + ""));
    args.addAll(List.of(TINY));
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("kind: " + kind)
        .contains("positions: learned")
        .contains("reverse held-out");
    assertThat(Files.readString(runDir.resolve("config.yaml")))
        .contains("kind: " + kind)
        .contains("positions: learned");
  }

  @Test
  void anExplicitSetStillWinsOverTheModelKindsPositions() {
    Path runDir = dir.resolve("set-wins");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--preset",
                "reverse",
                "--model",
                "gpt",
                "--run-dir",
                runDir + "",
                "--set",
                "model.positions=sinusoidal"));
    args.addAll(List.of(TINY));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
    assertThat(err.toString().trim())
        .isEqualTo(
            "error: config: model.positions sinusoidal is for model.kind encdec, got kind gpt");
  }

  @Test
  void taskAndTextRunsWriteTheSameCheckpointLayoutAndLogSchema() throws Exception {
    Path task = trainTiny("copy", "copy");
    Path text = dir.resolve("text");
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, "to be or not to be, that is the question\n".repeat(20));
    assertThat(
            run(
                "train",
                "--preset",
                "shakespeare-char",
                "--data",
                corpus.toString(),
                "--run-dir",
                text.toString(),
                "--set",
                "training.steps=4",
                "--set",
                "training.eval_interval=2",
                "--set",
                "training.eval_batches=1",
                "--set",
                "model.num_layers=1",
                "--set",
                "model.embed_dim=16",
                "--set",
                "model.num_heads=2",
                "--set",
                "model.context_length=8"))
        .as(err.toString())
        .isZero();
    assertThat(files(task.resolve("checkpoints/last")))
        .isEqualTo(files(text.resolve("checkpoints/last")))
        .contains("model.safetensors", "optimizer.safetensors", "state.json", "tokenizer.json")
        .contains("model.json", "config.yaml");
    List<Map<String, Object>> taskLog = JsonlLog.read(task.resolve("log.jsonl"));
    List<Map<String, Object>> textLog = JsonlLog.read(text.resolve("log.jsonl"));
    for (String type : List.of("start", "train", "eval")) {
      assertThat(first(taskLog, type).keySet()).as(type).isEqualTo(first(textLog, type).keySet());
    }
    assertThat(first(taskLog, "accuracy"))
        .containsKeys("step", "exact_match", "token_accuracy", "examples");
    assertThat(first(taskLog, "result"))
        .containsKeys("step", "exact_match", "token_accuracy", "length_gen_exact_match");
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<String, Object> first(List<Map<String, Object>> log, String type) {
    return log.stream().filter(r -> type.equals(r.get("type"))).findFirst().orElseThrow();
  }

  @Test
  void resumeContinuesFromTheLastCheckpoint() {
    Path runDir = trainTiny("copy", "copy");
    assertThat(
            run(
                "task",
                "copy",
                "--run-dir",
                runDir.toString(),
                "--resume",
                "--set",
                "training.steps=9"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("(step 6)").contains("done: 9 steps");
  }

  @Test
  void attentionDrawsSingleGridAndComparisonMaps() throws Exception {
    Path copy = trainTiny("copy", "copy");
    Path reverse = trainTiny("reverse", "rev");
    Path single = dir.resolve("single.png");
    assertThat(
            run(
                "attention",
                "--run",
                copy.toString(),
                "--input",
                "3 1 2",
                "--layer",
                "0",
                "--head",
                "1",
                "--kind",
                "encoder",
                "--out",
                single.toString()))
        .as(err.toString())
        .isZero();
    assertThat(ImageIO.read(single.toFile())).isNotNull();
    assertThat(run("attention", "--run", copy.toString(), "--input", "3 1 2")).isZero();
    assertThat(copy.resolve("plots/attention-cross.png")).exists();
    Path cmp = dir.resolve("cmp.png");
    assertThat(
            run(
                "attention",
                "--run",
                copy.toString(),
                "--compare",
                reverse.toString(),
                "--input",
                "3 1 2",
                "--out",
                cmp.toString()))
        .as(err.toString())
        .isZero();
    assertThat(ImageIO.read(cmp.toFile()).getWidth()).isGreaterThan(1000);
    assertThat(out.toString()).contains("copy: 3 1 2 -> ");
  }

  @Test
  void attentionReportsTheMassOnTheTaskPattern() {
    Path reverse = trainTiny("reverse", "rev");
    assertThat(run("attention", "--run", reverse.toString(), "--input", "3 1 2")).isZero();
    assertThat(out.toString())
        .containsPattern(
            "cross-attention mass on the anti-diagonal, layer 0, mean of heads: 0\\.\\d{3}");
    assertThat(run("eval", "--run", reverse.toString())).isZero();
    assertThat(out.toString())
        .containsPattern(
            "cross-attention mass on the anti-diagonal \\(mean of heads, 8 examples\\): layer 0"
                + " 0\\.\\d{3}\n");
  }

  @Test
  void attentionDrawsTheCausalSelfAttentionOfAGptRunOnAPrompt() throws Exception {
    CharTokenizer tokenizer = CharTokenizer.fit("to be or not\n");
    Gpt gpt = new Gpt(GptConfig.gpt2(tokenizer.vocabSize(), 16, 2, 2, 16, 0f), new Rng(1));
    Path gptRun = dir.resolve("shakespeare");
    Checkpoint.save(
        gptRun.resolve("checkpoints/last"),
        new Checkpoint.Contents("gpt", gpt, tokenizer, null, TrainingState.initial("adamw"), ""));
    Path png = dir.resolve("gpt.png");
    assertThat(
            run(
                "attention",
                "--run",
                gptRun.toString(),
                "--input",
                "to be",
                "--out",
                png.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("shakespeare (gpt run): prompt of 5 tokens");
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(2 * AttentionFigures.PANEL_WIDTH);
    assertThat(run("attention", "--run", gptRun.toString(), "--input", "to", "--head", "1"))
        .as(err.toString())
        .isZero();
    assertThat(gptRun.resolve("plots/attention-decoder.png")).exists();
    assertThat(run("attention", "--run", gptRun.toString(), "--input", "to", "--kind", "cross"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("is a decoder-only GPT run with causal self-attention only; use --kind decoder");
  }

  @Test
  void badInputTokenIsAUsageError() {
    Path copy = trainTiny("copy", "copy");
    assertThat(run("attention", "--run", copy.toString(), "--input", "3 x")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: task input: 'x' in \"3 x\" is not a symbol of copy");
  }

  @Test
  void unknownTaskIsAUsageError() {
    assertThat(run("task", "juggle")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "error: task: unknown task 'juggle', expected one of copy, reverse, sort, add,"
                + " duplicate");
  }

  @Test
  void theBuiltInArithmeticIsTheAddTaskOnAGptAndShowsSumsAsAPersonReadsThem() throws Exception {
    Path runDir = dir.resolve("arithmetic");
    assertThat(
            run(
                "train",
                "--run-dir",
                runDir.toString(),
                "--set",
                "training.steps=4",
                "--set",
                "training.eval_interval=2",
                "--set",
                "task.held_out=6"))
        .as(err.toString())
        .isZero();
    String printed = out.toString();
    assertThat(printed)
        .contains("data: task add: 10 symbols, lengths 3-3, 6 held-out examples, decoder-only")
        .contains("model: gpt")
        .contains("the model writes each sum right to left, ones digit first");
    String sum =
        "  [0-9]{3} \\+ [0-9]{3} = ([0-9]+|\\?)   (ok|wrong, expected [0-9]+)   \\(wrote .+\\)";
    assertThat(printed.lines().filter(l -> l.matches(sum))).hasSize(3 + 3 + 5);
    List<Map<String, Object>> accuracy =
        JsonlLog.read(runDir.resolve("log.jsonl")).stream()
            .filter(r -> r.get("type").equals("accuracy"))
            .toList();
    assertThat(accuracy).extracting(r -> r.get("step")).containsExactly(2, 4);
  }
}
