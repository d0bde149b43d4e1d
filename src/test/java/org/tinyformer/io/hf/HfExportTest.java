package org.tinyformer.io.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.io.TrainingState;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.CharTokenizer;

/**
 * Export writes what import reads back bit for bit, and what the reference loader of
 * scripts/golden/hf_reference.py (the names and layouts transformers uses) computes the same logits
 * from. That second check runs Debian's /usr/bin/python3 with torch, which the project's machines
 * and CI have; it fails (does not skip) when python or torch is missing.
 */
class HfExportTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("scripts/golden/hf_reference.py");

  private static LoadedRun imported(String name, Path tmp) throws IOException {
    HfImport.Imported m = HfImport.read(HfReference.FIXTURES.resolve(name));
    Path run = tmp.resolve("run-" + name);
    HfImport.save(m, run, "name: x\n");
    return Checkpoint.load(run);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama"})
  void exportThenImportGivesBitIdenticalLogits(String name, @TempDir Path tmp) throws IOException {
    LoadedRun run = imported(name, tmp);
    Path out = tmp.resolve("export");
    String arch = HfExport.write(run, out);
    assertThat(out.resolve("config.json")).exists();
    assertThat(out.resolve("generation_config.json")).exists();
    assertThat(out.resolve("model.safetensors")).exists();
    assertThat(out.resolve("tokenizer.json")).exists();
    HfImport.Imported back = HfImport.read(out);
    assertThat(back.architecture()).isEqualTo(arch);
    assertThat(back.config()).isEqualTo(run.model().config());
    int[] ids = HfReference.of(name).ids();
    assertThat(HfReference.logits(back.model(), ids))
        .containsExactly(HfReference.logits(run.languageModel(), ids));
    assertThat(back.tokenizer().encode("First Citizen"))
        .containsExactly(run.tokenizer().encode("First Citizen"));
  }

  @Test
  void gpt2ExportHasHuggingFaceNamesAndTokenizerFiles(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("export");
    HfExport.write(imported("gpt2", tmp), out);
    assertThat(out.resolve("vocab.json")).exists();
    assertThat(out.resolve("merges.txt")).exists();
    JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertThat(config.get("architectures").get(0).asText()).isEqualTo("GPT2LMHeadModel");
    assertThat(config.get("n_embd").asInt()).isEqualTo(32);
    assertThat(config.get("eos_token_id").asInt()).isEqualTo(299);
    assertThat(org.tinyformer.io.Safetensors.read(out.resolve("model.safetensors")))
        .containsKey("transformer.h.1.attn.c_attn.weight")
        .doesNotContainKey("lm_head.weight");
  }

  /** A full disk (Linux's /dev/full standing in for each file) names the file being written. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "model.safetensors",
        "config.json",
        "generation_config.json",
        "tokenizer.json",
        "tokenizer_config.json"
      })
  void aFullDiskNamesTheExportedFile(String file, @TempDir Path tmp) throws IOException {
    LoadedRun run = imported("gpt2", tmp);
    Path dir = Files.createDirectories(tmp.resolve("export"));
    Files.createSymbolicLink(dir.resolve(file), Path.of("/dev/full"));
    GptConfig c = run.languageModel().config();
    int eot = HfTokenizerFiles.endOfText(run.tokenizer());
    assertThatThrownBy(() -> HfExport.writeFiles(run, HfExport.layoutFor(c), eot, dir))
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessage(dir.resolve(file) + ": No space left on device");
    Files.delete(dir.resolve(file)); // the link, not /dev/full
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama"})
  void referenceLoaderReadsTheExportWithTheSameLogits(String name, @TempDir Path tmp)
      throws Exception {
    LoadedRun run = imported(name, tmp);
    Path out = tmp.resolve("export");
    HfExport.write(run, out);
    int[] ids = HfReference.of(name).ids();
    HfReference py = HfReference.parse(python(out, ids));
    double diff = HfReference.maxAbsDiff(HfReference.logits(run.languageModel(), ids), py.logits());
    System.out.printf(
        "hf export %s: max abs logit difference to the python loader %.3g%n", name, diff);
    assertThat(diff).isLessThan(1e-4);
    assertThat(HfReference.greedy(run.languageModel(), ids, py.greedy().length))
        .containsExactly(py.greedy());
  }

  @Test
  void charRunTravelsWithItsOwnTokenizerFile(@TempDir Path tmp) throws IOException {
    GptConfig c = GptConfig.gpt2(8, 16, 1, 2, 8, 0f);
    LanguageModel model = new Gpt(c, new Rng(3));
    Path run = tmp.resolve("char");
    Checkpoint.save(
        run,
        new Checkpoint.Contents(
            "gpt", model, CharTokenizer.fit("abcdefg"), null, TrainingState.initial("adamw"), ""));
    Path out = tmp.resolve("export");
    HfExport.write(Checkpoint.load(run), out);
    assertThat(out.resolve("tinyformer_tokenizer.json")).exists();
    HfImport.Imported back = HfImport.read(out);
    assertThat(back.tokenizer().decode(back.tokenizer().encode("cafe"))).isEqualTo("cafe");
    int[] ids = {1, 2, 3};
    assertThat(HfReference.logits(back.model(), ids))
        .containsExactly(HfReference.logits(model, ids));
  }

  @Test
  void refusesANonEmptyOutputDirectory(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("keep.txt"), "x");
    LoadedRun run = imported("gpt2", Files.createDirectory(tmp.resolve("runs")));
    assertThatThrownBy(() -> HfExport.write(run, tmp))
        .hasMessage("hf export: " + tmp + " is not empty; choose another --out or delete it");
  }

  @Test
  void refusesAModelWithoutAHuggingFaceLayout() {
    GptConfig mixed =
        new GptConfig(
            8,
            8,
            1,
            2,
            8,
            0f,
            true,
            GptConfig.Norm.RMS,
            GptConfig.Positions.LEARNED,
            GptConfig.MlpKind.GELU);
    assertThatThrownBy(() -> HfExport.layoutFor(mixed))
        .hasMessage(
            "hf export: a model with RMS norm, LEARNED positions, GELU MLP and bias true is"
                + " neither GPT-2 (layer norm, learned, GELU) nor Llama (RMS, rotary, SwiGLU, no"
                + " bias)");
  }

  /** Runs the reference loader on {@code dir} and returns its JSON answer. */
  private static JsonNode python(Path dir, int[] ids) throws Exception {
    assertThat(PYTHON).as("Debian's python3 with torch runs the reference loader").exists();
    Process p =
        new ProcessBuilder(
                PYTHON.toString(),
                SCRIPT.toString(),
                "logits",
                dir.toString(),
                Arrays.toString(ids))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return new ObjectMapper().readTree(output);
  }
}
