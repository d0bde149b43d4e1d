package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.GptConfig;
import org.tinyformer.tensor.Tensor;

class TrainerTest {
  @TempDir Path dir;

  static final String TEXT = "the quick brown fox jumps over the lazy dog. ".repeat(200);

  /** A run of the bigram model on a small text file, {@code steps} steps. */
  static TrainConfig config(Path dataFile, int steps, String... extra) {
    List<String> sets =
        new java.util.ArrayList<>(
            List.of(
                "name=bigram",
                "data.kind=text",
                "data.path=" + dataFile,
                "model.context_length=16",
                "training.steps=" + steps,
                "training.batch_size=4",
                "training.learning_rate=0.05",
                "training.min_lr=0.005",
                "training.warmup_steps=3",
                "training.eval_interval=10",
                "training.eval_batches=2",
                "training.log_interval=5",
                "training.checkpoint_interval=10",
                "training.grad_clip=1.0"));
    sets.addAll(List.of(extra));
    return TrainConfig.defaults("x").with(sets);
  }

  static Trainer trainer(TrainConfig c, Path runDir, StringWriter out) throws IOException {
    TextData data = TextData.load(Path.of(c.data().path()), null, c.data().valFraction());
    BigramModel model =
        new BigramModel(
            BigramModel.config(data.tokenizer().vocabSize(), 16), new Rng(c.training().seed()));
    return new Trainer(
        c,
        "bigram",
        model,
        data,
        new RunDirectory(runDir),
        new ProgressBar(new PrintWriter(out), false, c.training().steps()));
  }

  static Trainer resumed(TrainConfig c, Path runDir, StringWriter out) throws IOException {
    LoadedRun loaded =
        Checkpoint.load(runDir, f -> new BigramModel((GptConfig) f.config(), new Rng(99)));
    TextData data =
        TextData.load(Path.of(c.data().path()), loaded.tokenizer(), c.data().valFraction());
    return new Trainer(
            c,
            "bigram",
            loaded.model(),
            data,
            new RunDirectory(runDir),
            new ProgressBar(new PrintWriter(out), false, c.training().steps()))
        .resumeFrom(loaded);
  }

  private Path textFile() throws IOException {
    Path f = dir.resolve("text.txt");
    Files.writeString(f, TEXT);
    return f;
  }

  @Test
  void lowersTheLossAndLeavesARunDirectory() throws IOException {
    TrainConfig c = config(textFile(), 40);
    StringWriter out = new StringWriter();
    Path runDir = dir.resolve("run");
    TrainResult r = trainer(c, runDir, out).train();
    assertThat(r.steps()).isEqualTo(40);
    assertThat(r.valLoss()).isLessThan(Math.log(28) * 0.8);
    assertThat(runDir.resolve("config.yaml")).hasContent(c.toYaml());
    for (String ckpt : List.of("last", "best", "step-30", "step-40")) {
      assertThat(runDir.resolve("checkpoints/" + ckpt + "/model.safetensors")).exists();
    }
    assertThat(runDir.resolve("checkpoints/step-20")).doesNotExist(); // keep_checkpoints = 2
    var records = JsonlLog.read(runDir.resolve("log.jsonl"));
    assertThat(records.get(0)).containsEntry("type", "start").containsEntry("resumed", false);
    assertThat(records.stream().filter(m -> m.get("type").equals("train")).map(m -> m.get("step")))
        .containsExactly(5, 10, 15, 20, 25, 30, 35, 40);
    assertThat(records.stream().filter(m -> m.get("type").equals("eval")).count()).isEqualTo(4);
    assertThat(out.toString()).contains("step 40/40").contains("val loss");
  }

  @Test
  void stoppingAndResumingGivesBitIdenticalWeights() throws IOException {
    Path text = textFile();
    TrainConfig c =
        config(text, 30, "training.grad_accum_steps=2", "training.checkpoint_interval=7");
    Trainer first = trainer(c, dir.resolve("a"), new StringWriter());
    first.train();
    Map<String, Tensor> straight = first.model().parameters();

    Path runDir = dir.resolve("b");
    trainer(c, runDir, new StringWriter()).train(13);
    Trainer second = resumed(c, runDir, new StringWriter());
    assertThat(second.step()).isEqualTo(13);
    second.train();
    Map<String, Tensor> resumed = second.model().parameters();
    for (String name : straight.keySet()) {
      assertThat(resumed.get(name).data()).as(name).containsExactly(straight.get(name).data());
    }
    var steps =
        JsonlLog.read(runDir.resolve("log.jsonl")).stream()
            .filter(m -> m.get("type").equals("train"))
            .map(m -> m.get("step"))
            .toList();
    assertThat(steps).containsExactly(5, 10, 15, 20, 25, 30);
  }
}
