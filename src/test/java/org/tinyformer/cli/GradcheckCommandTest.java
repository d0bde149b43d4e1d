package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
  @Test
  void printsEveryParameterAndPasses() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"gradcheck", "--preset", "tiny", "--batch", "2"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("preset tiny, B 2, T 32, seed 1337: handwritten vs autograd")
        .contains("blocks.1.attn.qkv.weight")
        .contains("lnf.bias")
        .contains("PASS: every parameter within 1.0E-5")
        .doesNotContain("FAIL");
  }

  @Test
  void unknownPresetIsOneErrorLine() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"gradcheck", "--preset", "huge"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("error: gpt config: unknown preset 'huge', expected one of");
  }
}
