package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * SIGKILLs a training JVM at random moments (mostly inside checkpoint writes, which dominate its
 * time) again and again: every restart must resume from the last complete checkpoint, and the
 * weights at the end must equal those of an uninterrupted run bit for bit.
 */
@Tag("slow")
class CheckpointCrashTest {
  private static final Pattern STEP = Pattern.compile("^step (\\d+)/");
  @TempDir Path dir;

  @Test
  void killedRunsAlwaysResumeFromTheLastCompleteCheckpointAndEndBitIdentical() throws Exception {
    Path text = dir.resolve("text.txt");
    Files.writeString(text, TrainerTest.TEXT);
    Path runDir = dir.resolve("run");
    Rng delays = new Rng(2024);
    long resumedFrom = 0;
    int kills = 0;
    for (int attempt = 0; attempt < 30 && kills < 8; attempt++) {
      AtomicInteger lastPrinted = new AtomicInteger(-1);
      Child child = start(runDir, text, lastPrinted);
      int target = (int) resumedFrom + 1 + delays.nextInt(4);
      if (!waitForStep(child, lastPrinted, target)) {
        break; // it finished
      }
      Thread.sleep(delays.nextInt(600)); // a step is mostly its checkpoint write
      if (!child.process().isAlive()) {
        break;
      }
      child.process().destroyForcibly().waitFor(); // SIGKILL on Unix
      child.reader().join(); // every line the child printed has been read
      kills++;
      if (!new RunDirectory(runDir).hasCheckpoints()) {
        assertThat(lastPrinted.get()).as("killed before checkpoint 1 completed").isEqualTo(1);
        System.out.printf("kill %d: last step printed 1, no checkpoint yet%n", kills);
        continue;
      }
      long step =
          Checkpoint.load(runDir, f -> CrashChild.model((GptConfig) f.config())).state().step();
      // step N is printed just before checkpoint N is written, after checkpoint N-1 completed
      assertThat(step)
          .as("kill %d", kills)
          .isBetween((long) lastPrinted.get() - 1, (long) lastPrinted.get());
      assertThat(step).isGreaterThanOrEqualTo(resumedFrom);
      System.out.printf(
          "kill %d: last step printed %d, resumes from %d%n", kills, lastPrinted.get(), step);
      resumedFrom = step;
    }
    assertThat(kills).isGreaterThanOrEqualTo(3);
    Process last = start(runDir, text, new AtomicInteger()).process();
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();

    LoadedRun done = Checkpoint.load(runDir, f -> CrashChild.model((GptConfig) f.config()));
    assertThat(done.state().step()).isEqualTo(40);
    Map<String, Tensor> straight = straightRun(text);
    for (String name : straight.keySet()) {
      float[] expected = straight.get(name).data();
      float[] actual = done.model().parameters().get(name).data();
      assertThat(java.util.Arrays.mismatch(actual, expected))
          .as("first differing index of " + name)
          .isEqualTo(-1);
    }
  }

  private Map<String, Tensor> straightRun(Path text) throws IOException {
    TrainConfig c = CrashChild.config(text);
    TextData data = TextData.load(text, null, c.data().valFraction());
    var base = BigramModel.config(data.tokenizer().vocabSize(), 16);
    var config =
        new org.tinyformer.models.GptConfig(
            base.vocabSize(),
            16,
            CrashChild.LAYERS,
            1,
            4,
            0f,
            true,
            base.norm(),
            base.positions(),
            base.mlp());
    BigramModel model = CrashChild.model(config);
    new Trainer(
            c.with(List.of("training.checkpoint_interval=0")),
            "bigram",
            model,
            data,
            new RunDirectory(dir.resolve("straight")),
            new ProgressBar(new java.io.PrintWriter(new StringWriter()), false, 40))
        .train();
    return model.parameters();
  }

  private record Child(Process process, Thread reader) {}

  /** Waits until the child has printed step {@code target}; false when it exited first. */
  private static boolean waitForStep(Child child, AtomicInteger lastPrinted, int target)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lastPrinted.get() < target && System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        return false;
      }
      Thread.sleep(5);
    }
    return child.process().isAlive();
  }

  private static Child start(Path runDir, Path text, AtomicInteger lastPrinted) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of(CrashChild.class.getName(), runDir.toString(), text.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  Matcher m = STEP.matcher(line);
                  if (m.find()) {
                    lastPrinted.set(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // the child was killed
              }
            });
    reader.setDaemon(true);
    reader.start();
    return new Child(p, reader);
  }
}
