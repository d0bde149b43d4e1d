package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GemmBenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void printsOneLinePerLayout() {
    assertThat(run("gemm-bench", "--seconds", "0.01", "8x4x3")).isZero();
    assertThat(out.toString().lines().filter(l -> l.startsWith("8x4x3 ")))
        .hasSize(3)
        .anyMatch(l -> l.startsWith("8x4x3 A.B "))
        .anyMatch(l -> l.startsWith("8x4x3 At.B "))
        .anyMatch(l -> l.startsWith("8x4x3 A.Bt "));
  }

  @Test
  void singleThreadModeSaysHowItTimes() {
    assertThat(run("gemm-bench", "--single-thread", "--seconds", "0.01", "5x3x2")).isZero();
    assertThat(out.toString()).contains("1 thread, thread CPU time").contains("5x3x2 At.B ");
  }

  @Test
  void rejectsMalformedShape() {
    assertThat(run("gemm-bench", "8x4")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: gemm-bench: expected a shape like 4096x384x1536, got 8x4");
  }
}
