package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.tensor.Tensor;

/**
 * A GPT of realistic size (2 layers, 64 dims, context 32) on Tiny Shakespeare: N steps in one fresh
 * JVM, then {@code --resume} for N more in another, must end bit-identical to 2N steps in a single
 * JVM, whose second half runs JIT-compiled while the resumed half starts interpreted.
 */
@Tag("slow")
class ResumeAcrossJvmsTest {
  private static final Path DATA = Path.of("../shared/data/tinyshakespeare.txt");
  private static final int N = 30;
  @TempDir Path dir;

  @Test
  void stepsThenResumeInAFreshJvmEqualStraightStepsBitForBit() throws Exception {
    assertThat(DATA).as("shared data beside the repository").exists();
    Path split = dir.resolve("split");
    Path straight = dir.resolve("straight");
    train(split, N, false);
    train(split, 2 * N, true);
    train(straight, 2 * N, false);

    var resumed = Checkpoint.load(split);
    var once = Checkpoint.load(straight);
    assertThat(resumed.state().step()).isEqualTo(2 * N);
    assertThat(once.state().step()).isEqualTo(2 * N);
    Map<String, Tensor> expected = once.model().parameters();
    Map<String, Tensor> actual = resumed.model().parameters();
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(java.util.Arrays.mismatch(actual.get(name).data(), expected.get(name).data()))
          .as("first differing index of " + name)
          .isEqualTo(-1);
    }
  }

  /** Runs {@code tinyformer train} in a child JVM until {@code steps} (resuming when asked). */
  private static void train(Path runDir, int steps, boolean resume)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of("train", "--preset", "shakespeare-char", "--data", DATA.toString()));
    args.addAll(List.of("--run-dir", runDir.toString()));
    for (String set :
        List.of(
            "model.num_layers=2",
            "model.num_heads=4",
            "model.embed_dim=64",
            "model.context_length=32",
            "training.batch_size=8",
            "training.schedule=constant",
            "training.warmup_steps=5",
            "training.eval_interval=10",
            "training.eval_batches=2",
            "training.log_interval=10",
            "training.checkpoint_interval=" + N,
            "training.steps=" + steps)) {
      args.addAll(List.of("--set", set));
    }
    if (resume) {
      args.add("--resume");
    }
    ChildJvm child = ChildJvm.cli(args);
    assertThat(child.waitFor(300)).as("train exit code; output:%n%s", child.output()).isZero();
  }
}
