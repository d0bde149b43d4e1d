package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.CheckpointChecksums;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.io.Safetensors;
import org.tinyformer.io.TrainingState;
import org.tinyformer.tensor.Tensor;

/**
 * Loading a checkpoint checks more than its checksums: NaN weights, a missing checksum list, a
 * missing optimizer state on --resume, and a checkpoint replaced while it is being read.
 */
class CheckpointLoadingTest {
  @TempDir Path dir;
  private Path text;
  private Path run;
  private Path last;

  @BeforeEach
  void trainTenSteps() throws IOException {
    text = TinyRuns.text(dir);
    run = dir.resolve("run");
    last = run.resolve("checkpoints/last");
    TinyRuns.Result r = TinyRuns.cli(TinyRuns.train(text, run, 10));
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void nanWeightsWithValidChecksumsAreRejectedNamingTheParameter() throws IOException {
    Path model = last.resolve("model.safetensors");
    Map<String, Tensor> weights = Safetensors.read(model);
    String name = weights.keySet().iterator().next();
    weights.get(name).data()[5] = Float.NaN;
    Files.delete(model);
    Safetensors.write(model, weights, Map.of("format", "pt"));
    CheckpointChecksums.write(last); // as if the NaN had been saved by an older version
    assertThatThrownBy(() -> Checkpoint.load(run))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("checkpoint: " + model + ": " + name + " holds NaN at index (")
        .hasMessageEndingWith(
            "; this checkpoint is unusable, use an earlier one (checkpoints/step-N, best)");
    TinyRuns.Result sample = TinyRuns.cli("sample", "--run", run.toString());
    assertThat(sample.exit()).isEqualTo(1);
    assertThat(sample.err()).startsWith("error: checkpoint: " + model + ": " + name + " holds");
  }

  @Test
  void aCheckpointWithoutItsChecksumListIsRefused() throws IOException {
    Files.delete(last.resolve("checksums.txt"));
    assertThatThrownBy(() -> Checkpoint.load(run))
        .hasMessage(
            "checkpoint: "
                + last
                + " has no checksums.txt, so its files cannot be verified (written by an older"
                + " tinyformer, or incomplete); use another checkpoint or retrain");
  }

  @Test
  void resumeWithoutOptimizerStateNeedsFreshOptimizer() throws IOException {
    Files.delete(last.resolve("optimizer.safetensors"));
    TinyRuns.Result plain = TinyRuns.cli(TinyRuns.train(text, run, 20, "--resume"));
    assertThat(plain.exit()).isEqualTo(2);
    assertThat(plain.err())
        .isEqualTo(
            "error: resume: "
                + last
                + " has no optimizer.safetensors, so the optimizer state is lost; pass"
                + " --fresh-optimizer to resume with fresh optimizer moments\n");
    TinyRuns.Result fresh =
        TinyRuns.cli(TinyRuns.train(text, run, 20, "--resume", "--fresh-optimizer"));
    assertThat(fresh.exit()).as(fresh.err()).isZero();
    assertThat(Checkpoint.load(run).state().step()).isEqualTo(20);
  }

  @Test
  void aReaderNeverSeesACheckpointThatIsReplacedWhileItReads() throws Exception {
    LoadedRun base = Checkpoint.load(run);
    fill(base, 11);
    Checkpoint.save(last, contents(base, 11));
    AtomicBoolean done = new AtomicBoolean();
    List<Throwable> writerErrors = new ArrayList<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int step = 12; !done.get(); step++) {
                  fill(base, step); // every weight equals the step it is saved at
                  Checkpoint.save(last, contents(base, step));
                  Thread.sleep(50); // a fast trainer: a checkpoint every 50 ms step
                }
              } catch (Throwable t) {
                writerErrors.add(t);
              }
            });
    writer.start();
    int complete = 0;
    try {
      for (int read = 0; read < 40; read++) {
        LoadedRun r;
        try {
          r = Checkpoint.load(run);
        } catch (IOException e) {
          // a loaded machine may keep a reader behind the writer: it says so, it never mixes
          assertThat(e)
              .hasMessage(
                  "checkpoint: " + run + " was replaced 10 times while being read; try again");
          continue;
        }
        complete++;
        float expected = r.state().step();
        for (Tensor t : r.model().parameters().values()) {
          for (float x : t.data()) {
            assertThat(x).as("weights of the checkpoint of step %s", expected).isEqualTo(expected);
          }
        }
      }
    } finally {
      done.set(true);
      writer.join();
    }
    assertThat(writerErrors).isEmpty();
    assertThat(complete).isGreaterThanOrEqualTo(10);
  }

  private static void fill(LoadedRun base, int step) {
    for (Tensor t : base.model().parameters().values()) {
      java.util.Arrays.fill(t.data(), step);
    }
  }

  private static Checkpoint.Contents contents(LoadedRun base, int step) {
    TrainingState s = base.state();
    return new Checkpoint.Contents(
        base.modelKind(),
        base.model(),
        base.tokenizer(),
        null,
        new TrainingState(
            step,
            s.tokens(),
            s.bestValLoss(),
            s.elapsedSeconds(),
            s.optimizer(),
            s.optimizerSteps(),
            s.rngStates()),
        base.configYaml());
  }
}
