package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tinyformer import hf} makes a run directory the other commands work on; export back. */
class ImportExportCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void importedGpt2SamplesPredictsInspectsAndExports(@TempDir Path tmp) {
    Path runDir = tmp.resolve("runs/gpt2");
    assertThat(
            run("import", "hf", "--from", "src/test/resources/hf/gpt2", "--run-dir", "" + runDir))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .startsWith(
            "imported GPT2LMHeadModel (float32 weights) as model gpt: 2 layers, 4 heads, 32 dims,"
                + " context 32, vocab 300, 36,096 parameters");
    assertThat(run("sample", "--run", "" + runDir, "--prompt", "First", "--max-tokens", "5"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).startsWith("First");
    assertThat(
            run(
                "sample",
                "--run",
                "" + runDir,
                "--dtype",
                "bf16",
                "--benchmark",
                "--max-tokens",
                "10",
                "--runs",
                "1",
                "--warm-up",
                "0"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("; weights bf16; ").contains("kv cache on : median");
    assertThat(run("sample", "--run", "" + runDir, "--dtype", "f16")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: sample: --dtype must be f32 or bf16, got 'f16'\n");
    assertThat(run("sample", "--run", "" + runDir, "--benchmark", "--warm-up", "-1")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("error: sample: --warm-up must be >= 0 seconds, got -1.0\n");
    assertThat(run("predict", "--run", "" + runDir, "--prompt", "First Citizen", "--top", "3"))
        .as(err.toString())
        .isZero();
    assertThat(run("inspect", "--run", "" + runDir)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("vocabSize 300, contextLength 32, numLayers 2");
    Path export = tmp.resolve("export");
    assertThat(run("export", "--run", "" + runDir, "--format", "hf", "--out", "" + export))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("as GPT2LMHeadModel into " + export);
  }

  @Test
  void importRefusesAnUnknownFormatAndAPickle(@TempDir Path tmp) {
    assertThat(run("import", "onnx", "--from", "x", "--run-dir", "" + tmp)).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: import: unknown format 'onnx', expected hf\n");
    assertThat(run("import", "hf", "--from", "" + tmp.resolve("nope"), "--run-dir", "" + tmp))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: hf import: "
                + tmp.resolve("nope")
                + " is not a directory (expected a Hugging Face model directory)\n");
  }
}
