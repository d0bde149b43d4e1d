package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.tensor.Tensor;
import org.tinyformer.training.ChildJvm;
import org.tinyformer.training.JsonlLog;

/**
 * SIGTERM to a training JVM: it finishes its step, writes a checkpoint there and a {@code stopped}
 * log record, exits 143 saying how to resume; {@code --resume} in another JVM then ends
 * bit-identical (weights and optimizer moments) to a run that was never interrupted; a task run the
 * same, its hint naming the task command.
 */
@Tag("slow")
class GracefulStopTest {
  private static final int STEPS = 60;
  @TempDir Path dir;

  @Test
  void sigtermCheckpointsAtAStepBoundaryAndResumeEndsBitIdentical() throws Exception {
    Path text = TinyRuns.text(dir);
    Path split = dir.resolve("split");
    ChildJvm stopped = ChildJvm.cli(trainArgs(text, split));
    assertThat(stopped.awaitStep(3)).as(stopped.output()).isTrue();
    // SIGTERM on Unix; through the handle, as Process.destroy() would also close our end of its
    // output
    stopped.process().toHandle().destroy();
    assertThat(stopped.waitFor(120)).as(stopped.output()).isEqualTo(143);
    LoadedRun atStop = Checkpoint.load(split);
    long k = atStop.state().step();
    assertThat(k).isBetween(3L, STEPS - 1L);
    assertThat(stopped.output())
        .contains("SIGTERM: stopping after this step with a checkpoint")
        .contains(
            "stopped at step "
                + k
                + " of "
                + STEPS
                + " by SIGTERM; checkpoint "
                + split.resolve("checkpoints/last")
                + "\ncontinue with: tinyformer train --run-dir "
                + split
                + " --resume\n");
    List<Map<String, Object>> log = JsonlLog.read(split.resolve("log.jsonl"));
    assertThat(log.get(log.size() - 1))
        .containsEntry("type", "stopped")
        .containsEntry("step", (int) k)
        .containsEntry("reason", "SIGTERM");

    ChildJvm resumed = ChildJvm.cli(List.of("train", "--run-dir", split.toString(), "--resume"));
    assertThat(resumed.waitFor(300)).as(resumed.output()).isZero();
    assertThat(resumed.output()).contains("resuming from " + split.resolve("checkpoints/last"));

    Path straight = dir.resolve("straight");
    ChildJvm once = ChildJvm.cli(trainArgs(text, straight));
    assertThat(once.waitFor(300)).as(once.output()).isZero();

    LoadedRun a = Checkpoint.load(split);
    LoadedRun b = Checkpoint.load(straight);
    assertThat(a.state().step()).isEqualTo(STEPS);
    assertBitIdentical(a.model().parameters(), b.model().parameters());
    assertBitIdentical(a.optimizerState(), b.optimizerState());
  }

  @Test
  void aTaskRunStopsTheSameWayAndItsHintResumesItBitIdentical() throws Exception {
    Path split = dir.resolve("task-split");
    ChildJvm stopped = ChildJvm.cli(taskArgs(split));
    assertThat(stopped.awaitStep(3)).as(stopped.output()).isTrue();
    stopped.process().toHandle().destroy(); // SIGTERM
    assertThat(stopped.waitFor(120)).as(stopped.output()).isEqualTo(143);
    long k = Checkpoint.load(split).state().step();
    assertThat(k).isBetween(3L, STEPS - 1L);
    String hint = "continue with: tinyformer task reverse --run-dir " + split + " --resume\n";
    assertThat(stopped.output())
        .contains(
            "stopped at step "
                + k
                + " of "
                + STEPS
                + " by SIGTERM; checkpoint "
                + split.resolve("checkpoints/last")
                + "\n"
                + hint);

    // the hint's own command
    ChildJvm resumed =
        ChildJvm.cli(List.of("task", "reverse", "--run-dir", split.toString(), "--resume"));
    assertThat(resumed.waitFor(300)).as(resumed.output()).isZero();
    assertThat(resumed.output()).contains("resuming from " + split.resolve("checkpoints/last"));
    Path straight = dir.resolve("task-straight");
    ChildJvm once = ChildJvm.cli(taskArgs(straight));
    assertThat(once.waitFor(300)).as(once.output()).isZero();

    LoadedRun a = Checkpoint.load(split);
    LoadedRun b = Checkpoint.load(straight);
    assertThat(a.state().step()).isEqualTo(STEPS);
    assertBitIdentical(a.model().parameters(), b.model().parameters());
    assertBitIdentical(a.optimizerState(), b.optimizerState());
  }

  private static List<String> taskArgs(Path run) {
    List<String> args =
        new java.util.ArrayList<>(List.of("task", "reverse", "--run-dir", run.toString()));
    for (String set :
        List.of(
            "model.num_layers=1",
            "model.num_heads=2",
            "model.embed_dim=16",
            "task.held_out=8",
            "task.max_length=4",
            "task.length_gen_max=5",
            "training.steps=" + STEPS,
            "training.batch_size=4",
            "training.log_interval=1",
            "training.checkpoint_interval=0",
            "training.eval_interval=20",
            "training.time_limit=0")) {
      args.addAll(List.of("--set", set));
    }
    return args;
  }

  private static List<String> trainArgs(Path text, Path run) {
    return Arrays.asList(
        TinyRuns.train(
            text,
            run,
            STEPS,
            "--set",
            "training.log_interval=1",
            "--set",
            "training.checkpoint_interval=0",
            "--set",
            "training.eval_interval=20"));
  }

  private static void assertBitIdentical(Map<String, Tensor> actual, Map<String, Tensor> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(Arrays.mismatch(actual.get(name).data(), expected.get(name).data()))
          .as("first differing index of " + name)
          .isEqualTo(-1);
    }
  }
}
