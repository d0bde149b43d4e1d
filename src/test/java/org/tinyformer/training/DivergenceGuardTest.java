package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tensor.NanCheck;
import org.tinyformer.tensor.Tensor;

/**
 * Steps whose loss and gradients are NaN (a poisoned batch) while the weights stay finite: with
 * {@code training.on_nonfinite: skip} they are skipped, logged and counted and the run goes on;
 * with {@code stop} the run ends at that step naming the last finite loss and the checkpoint.
 */
class DivergenceGuardTest {
  @TempDir Path dir;

  /** The bigram model, whose forward-backward gives NaN (and a NaN gradient) on chosen calls. */
  private static final class Poisoned implements LanguageModel {
    private final BigramModel inner;
    private final Set<Integer> poisonedCalls;
    private int calls;

    Poisoned(BigramModel inner, Set<Integer> poisonedCalls) {
      this.inner = inner;
      this.poisonedCalls = poisonedCalls;
    }

    @Override
    public GptConfig config() {
      return inner.config();
    }

    @Override
    public Map<String, Tensor> parameters() {
      return inner.parameters();
    }

    @Override
    public void setTraining(boolean training) {
      inner.setTraining(training);
    }

    @Override
    public float forwardBackward(int[] inputs, int[] targets, int B, int T) {
      float loss = inner.forwardBackward(inputs, targets, B, T);
      if (!poisonedCalls.contains(++calls)) {
        return loss;
      }
      for (Tensor p : parameters().values()) {
        if (p.grad() != null) {
          p.grad()[0] = Float.NaN;
        }
      }
      return Float.NaN;
    }

    @Override
    public float loss(int[] inputs, int[] targets, int B, int T) {
      return inner.loss(inputs, targets, B, T);
    }

    @Override
    public float[] logits(int[] inputs, int B, int T) {
      return inner.logits(inputs, B, T);
    }
  }

  private Trainer trainer(TrainConfig c, Set<Integer> poisoned) throws IOException {
    TextData data = TextData.load(Path.of(c.data().path()), null, c.data().valFraction());
    BigramModel model =
        new BigramModel(
            BigramModel.config(data.tokenizer().vocabSize(), 16), new Rng(c.training().seed()));
    return new Trainer(
        c,
        "bigram",
        new Poisoned(model, poisoned),
        data,
        new RunDirectory(dir.resolve("run")),
        new ProgressBar(new PrintWriter(new StringWriter()), false, c.training().steps()));
  }

  private Path text() throws IOException {
    Path f = dir.resolve("text.txt");
    Files.writeString(f, TrainerTest.TEXT);
    return f;
  }

  @Test
  void skippedStepsAreLoggedCountedAndTheRunGoesOn() throws IOException {
    TrainConfig c = TrainerTest.config(text(), 20, "training.on_nonfinite=skip");
    Trainer t = trainer(c, Set.of(7, 8));
    TrainResult r = t.train();

    assertThat(r.steps()).isEqualTo(20);
    assertThat(NanCheck.firstNonFinite(t.model().parameters())).isEmpty();
    List<Map<String, Object>> log = JsonlLog.read(dir.resolve("run/log.jsonl"));
    assertThat(log.stream().filter(rec -> "skipped".equals(rec.get("type"))))
        .extracting(
            rec -> rec.get("step"), rec -> rec.get("problem"), rec -> rec.get("skipped_steps"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(7, "loss is NaN", 1),
            org.assertj.core.groups.Tuple.tuple(8, "loss is NaN", 2));
    assertThat(log.stream().filter(rec -> "train".equals(rec.get("type"))))
        .extracting(rec -> rec.get("step"), rec -> rec.get("skipped_steps"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, 0),
            org.assertj.core.groups.Tuple.tuple(10, 2),
            org.assertj.core.groups.Tuple.tuple(15, 2),
            org.assertj.core.groups.Tuple.tuple(20, 2));
    LoadedRun last =
        Checkpoint.load(
            dir.resolve("run"), f -> new BigramModel((GptConfig) f.config(), new Rng(1)));
    assertThat(last.state().optimizerSteps()).as("two updates skipped").isEqualTo(18);
  }

  @Test
  void stopEndsTheRunAtThePoisonedStepNamingTheNewestCheckpoint() throws IOException {
    TrainConfig c = TrainerTest.config(text(), 20);
    Trainer t = trainer(c, Set.of(15));
    assertThatThrownBy(t::train)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageMatching(
            "train: loss is NaN at step 15 \\(last finite loss \\d\\.\\d{4} at step 14\\); resume"
                + " from "
                + java.util.regex.Pattern.quote(dir.resolve("run/checkpoints/last").toString())
                + " \\(step 10\\) with --resume and a lower training.learning_rate");
    List<Map<String, Object>> log = JsonlLog.read(dir.resolve("run/log.jsonl"));
    assertThat(log.get(log.size() - 1))
        .containsEntry("type", "diverged")
        .containsEntry("step", 15)
        .containsEntry("problem", "loss is NaN");
    assertThat(NanCheck.firstNonFinite(t.model().parameters()))
        .as("the NaN step never reached the weights")
        .isEmpty();
  }
}
