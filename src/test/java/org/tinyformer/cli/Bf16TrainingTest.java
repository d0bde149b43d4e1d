package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Safetensors;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.nn.Module;
import org.tinyformer.tensor.Tensor;
import org.tinyformer.visualization.TrainingLog;

/**
 * {@code training.dtype: bfloat16} changes the arithmetic of training (the op itself is checked
 * against the float32 op on rounded inputs by {@code LinearBf16Test}): every Linear layer and the
 * head of gpt and modern models switch, the first step's loss and every trained weight differ from
 * the float32 run's, and the two runs stay close.
 */
class Bf16TrainingTest {
  @TempDir Path tmp;

  @Test
  void everyLinearLayerAndTheHeadSwitchAndTheLossMoves() {
    GptConfig gpt = GptConfig.gpt2(40, 8, 2, 2, 16, 0f);
    for (GptConfig c : List.of(gpt, gpt.modern())) {
      String kind = c.isModern() ? "modern" : "gpt";
      Gpt f32 = new Gpt(c, new Rng(3));
      Gpt bf16 = new Gpt(c, new Rng(3));
      bf16.useBf16Matmuls(true);
      assertThat(bf16.namedModules().values()).allMatch(Module::bf16Matmuls);
      assertThat(f32.namedModules().values()).noneMatch(Module::bf16Matmuls);
      int[] ids = ints(new Rng(9), 2 * 8, 40); // (B=2, T=8)
      int[] targets = ints(new Rng(10), 2 * 8, 40); // (B=2, T=8)
      float a = f32.forwardBackward(ids, targets, 2, 8);
      float b = bf16.forwardBackward(ids, targets, 2, 8);
      assertThat(b).as(kind).isNotEqualTo(a).isCloseTo(a, within(0.02f));
      Map<String, Tensor> ga = f32.parameters();
      Map<String, Tensor> gb = bf16.parameters();
      ga.forEach(
          (name, t) -> {
            if (name.endsWith("weight") && t.rank() == 2) {
              assertThat(gb.get(name).grad()).as(kind + " " + name).isNotEqualTo(t.grad());
            }
          });
    }
  }

  private static int[] ints(Rng rng, int n, int bound) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = rng.nextInt(bound);
    }
    return out;
  }

  @Test
  void aBf16RunDiffersFromTheFloat32RunAndStaysClose() throws IOException {
    Path text = TinyRuns.text(tmp);
    Path f32 = tmp.resolve("f32");
    Path bf16 = tmp.resolve("bf16");
    assertThat(TinyRuns.cli(TinyRuns.train(text, f32, 20)).exit()).isZero();
    TinyRuns.Result r =
        TinyRuns.cli(TinyRuns.train(text, bf16, 20, "--set", "training.dtype=bfloat16"));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(Files.readString(bf16.resolve("config.yaml"))).contains("dtype: bfloat16");

    double lossA = firstTrainLoss(f32);
    double lossB = firstTrainLoss(bf16);
    assertThat(lossB).isNotEqualTo(lossA).isCloseTo(lossA, within(0.02));
    Map<String, Tensor> a = Safetensors.read(f32.resolve("checkpoints/last/model.safetensors"));
    Map<String, Tensor> b = Safetensors.read(bf16.resolve("checkpoints/last/model.safetensors"));
    a.forEach((k, t) -> assertThat(b.get(k).data()).as(k).isNotEqualTo(t.data()));
    assertThat(finalValLoss(bf16)).isCloseTo(finalValLoss(f32), within(0.05));
  }

  private static double firstTrainLoss(Path run) throws IOException {
    return TrainingLog.read(run.resolve("log.jsonl")).points("loss").get(0)[1];
  }

  private static double finalValLoss(Path run) throws IOException {
    List<double[]> val = TrainingLog.read(run.resolve("log.jsonl")).points("val_loss");
    return val.get(val.size() - 1)[1];
  }
}
