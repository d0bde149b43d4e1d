package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tinyformer.kernels.runtime.Simd;

class StepBenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static final String[] TINY = {
    "--layers",
    "1",
    "--heads",
    "2",
    "--embed",
    "16",
    "--context",
    "8",
    "--batch",
    "2",
    "--steps",
    "3",
    "--warmup",
    "1",
    "--warmup-seconds",
    "0"
  };

  @Test
  void timesEitherModel() {
    for (String model : new String[] {"autograd", "handwritten"}) {
      String[] args = new String[TINY.length + 3];
      args[0] = "step-bench";
      args[1] = "--model";
      args[2] = model;
      System.arraycopy(TINY, 0, args, 3, TINY.length);
      assertThat(run(args)).isZero();
      assertThat(out.toString())
          .contains(model + " 1L/2H/16/ctx8/B2")
          .contains(Simd.describe()) // the species train-compare.sh --avx2 shows it ran
          .containsPattern("step_ms \\d");
    }
  }

  @Test
  void alternatesBothModelsInOneJvm() {
    String[] args = new String[TINY.length + 3];
    args[0] = "step-bench";
    args[1] = "--model";
    args[2] = "autograd,handwritten";
    System.arraycopy(TINY, 0, args, 3, TINY.length);
    assertThat(run(args)).isZero();
    assertThat(out.toString())
        .contains("autograd,handwritten 1L/2H/16/ctx8/B2")
        .containsPattern("autograd_ms \\d")
        .containsPattern("handwritten_ms \\d")
        .containsPattern("pair_ratio \\d")
        .doesNotContain("step_ms");
  }

  @Test
  void rejectsUnknownModel() {
    assertThat(run("step-bench", "--model", "modern")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "error: step-bench: --model must be autograd, handwritten or autograd,handwritten, got"
                + " modern");
  }
}
