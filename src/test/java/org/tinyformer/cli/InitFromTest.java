package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.io.Safetensors;
import org.tinyformer.tensor.Tensor;

/**
 * {@code train --init-from} on an imported Hugging Face model: a new run with the weights copied
 * and a fresh optimizer fine-tunes (its loss on the text falls), resumes exactly, and trains in
 * bfloat16 mixed precision too.
 */
class InitFromTest {
  private static final Pattern VAL = Pattern.compile("val +loss ([0-9.]+)");
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path tmp;

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private void ok(String... args) {
    assertThat(run(args)).as(String.join(" ", args) + "\n" + out + err).isZero();
  }

  private double valLoss(Path runDir, Path text) {
    ok("eval", "--run", "" + runDir, "--data", "" + text, "--batches", "4");
    Matcher m = VAL.matcher(out.toString());
    assertThat(m.find()).as(out.toString()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private List<String> train(Path from, Path text, Path runDir, int steps, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train", "--init-from", "" + from, "--data", "" + text, "--run-dir", "" + runDir));
    for (String s :
        List.of(
            "training.steps=" + steps,
            "training.batch_size=4",
            "training.learning_rate=3e-3",
            "training.schedule=constant",
            "training.warmup_steps=0",
            "training.eval_interval=0",
            "training.eval_batches=2",
            "training.log_interval=5",
            "training.checkpoint_interval=0")) {
      args.addAll(List.of("--set", s));
    }
    args.addAll(List.of(extra));
    return args;
  }

  private static Map<String, Tensor> weights(Path runDir) throws IOException {
    return Safetensors.read(runDir.resolve("checkpoints/last/model.safetensors"));
  }

  @Test
  void fineTunesAnImportedModelAndResumesExactly() throws IOException {
    Path source = tmp.resolve("runs/gpt2");
    ok("import", "hf", "--from", "src/test/resources/hf/gpt2", "--run-dir", "" + source);
    Path text = tmp.resolve("text.txt");
    Files.writeString(
        text, "First Citizen: Before we proceed any further, hear me speak.\n".repeat(200));
    double before = valLoss(source, text);

    Path straight = tmp.resolve("runs/straight");
    ok(train(source, text, straight, 20).toArray(String[]::new));
    assertThat(out.toString()).contains("initialised from ").contains("optimizer fresh");
    double after = valLoss(straight, text);
    System.out.printf("init-from fine-tune: val loss %.4f -> %.4f%n", before, after);
    assertThat(after).isLessThan(before - 0.5);
    assertThat(weights(source)).isNotEqualTo(weights(straight)); // the source is left alone

    Path resumed = tmp.resolve("runs/resumed");
    ok(train(source, text, resumed, 10).toArray(String[]::new));
    ok("train", "--run-dir", "" + resumed, "--resume", "--set", "training.steps=20");
    Map<String, Tensor> a = weights(straight);
    Map<String, Tensor> b = weights(resumed);
    assertThat(b.keySet()).isEqualTo(a.keySet());
    a.forEach((k, t) -> assertThat(b.get(k).data()).as(k).containsExactly(t.data()));
  }

  @Test
  void bfloat16MixedPrecisionFineTunesAndBadDtypesAreRefused() {
    Path source = tmp.resolve("runs/llama");
    ok("import", "hf", "--from", "src/test/resources/hf/llama", "--run-dir", "" + source);
    Path text = tmp.resolve("text.txt");
    try {
      Files.writeString(text, "You are all resolved rather to die than to famish?\n".repeat(200));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    double before = valLoss(source, text);
    Path bf16 = tmp.resolve("runs/bf16");
    ok(train(source, text, bf16, 20, "--set", "training.dtype=bfloat16").toArray(String[]::new));
    double after = valLoss(bf16, text);
    System.out.printf(
        "init-from bf16 fine-tune (llama layout): val loss %.4f -> %.4f%n", before, after);
    assertThat(after).isLessThan(before - 0.5);
    assertThat(
            run(
                train(source, text, tmp.resolve("runs/f16"), 2, "--set", "training.dtype=float16")
                    .toArray(String[]::new)))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("error: config: training.dtype must be float32 or bfloat16, got 'float16'\n");
  }

  @Test
  void theNewRunDirectoryFollowsTheLockAndForceRules() throws Exception {
    Path source = tmp.resolve("runs/gpt2");
    ok("import", "hf", "--from", "src/test/resources/hf/gpt2", "--run-dir", "" + source);
    Path text = tmp.resolve("text.txt");
    Files.writeString(text, "Speak, speak.\n".repeat(100));
    Path target = tmp.resolve("runs/tuned");
    ok(train(source, text, target, 2).toArray(String[]::new));
    assertThat(Files.readString(target.resolve("config.yaml")))
        .contains("kind: gpt")
        .contains("embed_dim: " + 32);

    assertThat(run(train(source, text, target, 2).toArray(String[]::new))).isNotZero();
    assertThat(err.toString())
        .startsWith("error: run directory " + target + " already holds a run (")
        .contains("pass --resume to continue it, --force to delete it and start over");
    ok(train(source, text, target, 2, "--force").toArray(String[]::new));

    // another holder of the lock: refused at once, naming the process
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try (var lock = org.tinyformer.training.RunLock.acquire(target)) {
                held.countDown();
                done.await();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    holder.start();
    held.await();
    try {
      assertThat(run(train(source, text, target, 2, "--force").toArray(String[]::new))).isNotZero();
      assertThat(err.toString())
          .startsWith(
              "error: run directory "
                  + target
                  + " is in use by process "
                  + ProcessHandle.current().pid());
    } finally {
      done.countDown();
      holder.join();
    }

    assertThat(run(train(source, text, target, 2, "--resume").toArray(String[]::new))).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: train: --init-from starts a new run and --resume continues one; pass only one"
                + " of them\n");
    assertThat(
            run(
                train(source, text, tmp.resolve("runs/x"), 2, "--set", "model.dropout=0.1")
                    .toArray(String[]::new)))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: train: --init-from takes the model of "
                + source
                + " as it is; --set model.dropout=0.1 does not apply\n");
  }
}
