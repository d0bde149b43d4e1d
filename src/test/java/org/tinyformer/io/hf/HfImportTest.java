package org.tinyformer.io.hf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.GptConfig;

/** Import parity against the PyTorch reference of scripts/golden/hf_reference.py. */
class HfImportTest {
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt2-bf16", "llama"})
  void logitsMatchThePyTorchReferenceAndGreedyIsIdentical(String name) throws IOException {
    HfReference ref = HfReference.of(name);
    HfImport.Imported m = HfImport.read(HfReference.FIXTURES.resolve(name));
    double diff = HfReference.maxAbsDiff(HfReference.logits(m.model(), ref.ids()), ref.logits());
    System.out.printf("hf import %s: max abs logit difference %.3g%n", name, diff);
    assertThat(diff).isLessThan(1e-4);
    assertThat(HfReference.greedy(m.model(), ref.ids(), ref.greedy().length))
        .containsExactly(ref.greedy());
  }

  @Test
  void gpt2BecomesOurGptWithTiedHead() throws IOException {
    HfImport.Imported m = HfImport.read(HfReference.FIXTURES.resolve("gpt2"));
    GptConfig c = m.config();
    assertThat(m.modelKind()).isEqualTo("gpt");
    assertThat(c.untiedHead()).isFalse();
    assertThat(c.contextLength()).isEqualTo(32);
    assertThat(m.model().parameters()).doesNotContainKey("head.weight");
    assertThat(m.tokenizer().vocabSize()).isEqualTo(300);
    assertThat(m.tokenizer().decode(m.tokenizer().encode("First Citizen: hear me")))
        .isEqualTo("First Citizen: hear me");
  }

  @Test
  void llamaWithGroupedQueryAttentionBecomesTheModernModelWithUntiedHead() throws IOException {
    HfImport.Imported m = HfImport.read(HfReference.FIXTURES.resolve("llama"));
    GptConfig c = m.config();
    assertThat(m.modelKind()).isEqualTo("modern");
    assertThat(c.isModern()).isTrue();
    assertThat(c.untiedHead()).isTrue();
    assertThat(c.mlpHiddenDim()).isEqualTo(88);
    assertThat(m.model().parameters()).containsKey("head.weight");
  }

  @Test
  void savedRunDirectoryLoadsWithTheSameLogits(@TempDir Path tmp) throws IOException {
    HfReference ref = HfReference.of("llama");
    HfImport.Imported m = HfImport.read(HfReference.FIXTURES.resolve("llama"));
    Path run = tmp.resolve("runs/llama");
    HfImport.save(m, run, "name: llama\n");
    assertThat(run.resolve("config.yaml")).hasContent("name: llama\n");
    LoadedRun loaded = Checkpoint.load(run);
    assertThat(loaded.modelKind()).isEqualTo("modern");
    assertThat(loaded.model().config()).isEqualTo(m.config());
    assertThat(HfReference.logits(loaded.languageModel(), ref.ids()))
        .containsExactly(HfReference.logits(m.model(), ref.ids()));
  }
}
