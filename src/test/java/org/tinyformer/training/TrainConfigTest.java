package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
  @Test
  void shakespearePresetIsNanoGptsCpuRecipe() {
    TrainConfig c = TrainConfig.preset("shakespeare-char");
    assertThat(c.name()).isEqualTo("shakespeare-char");
    assertThat(c.model().numLayers()).isEqualTo(4);
    assertThat(c.model().embedDim()).isEqualTo(128);
    assertThat(c.model().contextLength()).isEqualTo(64);
    assertThat(c.training().batchSize()).isEqualTo(12);
    assertThat(c.training().steps()).isEqualTo(2000);
    assertThat(c.training().learningRate()).isEqualTo(1e-3f);
    assertThat(c.training().minLr()).isEqualTo(1e-4f);
    assertThat(c.training().warmupSteps()).isEqualTo(100);
  }

  @Test
  void everyConfigsFileIsAPresetInTheJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("configs"))) {
      List<String> names =
          files.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
      assertThat(names).containsExactlyInAnyOrderElementsOf(TrainConfig.PRESETS);
      for (String name : names) {
        assertThat(TrainConfig.preset(name))
            .isEqualTo(TrainConfig.load(Path.of("configs", name + ".yaml")));
      }
    }
  }

  @Test
  void setOverridesTypedValues() {
    TrainConfig c =
        TrainConfig.preset("shakespeare-char")
            .with(
                List.of(
                    "training.learning_rate=1e-3",
                    "training.steps=10",
                    "model.bias=false",
                    "name=x"));
    assertThat(c.training().learningRate()).isEqualTo(1e-3f);
    assertThat(c.training().steps()).isEqualTo(10);
    assertThat(c.model().bias()).isFalse();
    assertThat(c.name()).isEqualTo("x");
  }

  @Test
  void missingKeysTakeDefaultsAndNameComesFromTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, "training:\n  steps: 7\n");
    TrainConfig c = TrainConfig.load(file);
    assertThat(c.name()).isEqualTo("mine");
    assertThat(c.training().steps()).isEqualTo(7);
    assertThat(c.training().batchSize()).isEqualTo(TrainingSettings.DEFAULTS.batchSize());
    assertThat(c.model()).isEqualTo(ModelSettings.DEFAULTS);
  }

  @Test
  void resolvedYamlRoundTrips() {
    TrainConfig c = TrainConfig.preset("arithmetic").with(List.of("training.min_lr=1e-5"));
    String yaml = c.toYaml();
    assertThat(yaml).contains("learning_rate: 0.003").contains("min_lr: 1.0E-5");
    assertThat(TrainConfig.parse(yaml, "x")).isEqualTo(c);
  }

  @Test
  void unknownKeyIsRejectedWithItsNameAndTheAllowedKeys() {
    assertThatThrownBy(() -> TrainConfig.parse("training:\n  learnin_rate: 1\n", "f.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "config: unknown key 'training.learnin_rate'; allowed keys in training: steps, batch_size,")
        .hasMessageContaining("learning_rate");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.layers=3")))
        .hasMessageStartingWith("config: unknown key 'model.layers'; allowed keys in model: kind,");
    assertThatThrownBy(() -> TrainConfig.parse("optim: {}\n", "f.yaml"))
        .hasMessage("config: unknown key 'optim'; allowed keys: name, data, model, training");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps=abc")))
        .hasMessage("config: training.steps: invalid value 'abc'");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps=0")))
        .hasMessage("config: training.steps must be positive, got 0");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps")))
        .hasMessageStartingWith("--set: expected section.key=value");
    assertThatThrownBy(() -> TrainConfig.parse("training: [1\n", "f.yaml"))
        .hasMessageStartingWith("config: f.yaml is not valid YAML");
    assertThatThrownBy(() -> TrainConfig.preset("nope"))
        .hasMessageStartingWith("config: unknown preset 'nope'; presets: arithmetic,");
  }
}
