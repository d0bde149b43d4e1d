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
    assertThat(yaml).contains("learning_rate: 0.001").contains("min_lr: 1.0E-5");
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
        .hasMessage("config: unknown key 'optim'; allowed keys: name, data, task, model, training");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps=abc")))
        .hasMessage("config: training.steps must be an integer, got 'abc'");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps=0")))
        .hasMessage("config: training.steps must be positive, got 0");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps")))
        .hasMessageStartingWith("--set: expected section.key=value");
    assertThatThrownBy(() -> TrainConfig.parse("training: [1\n", "f.yaml"))
        .hasMessageStartingWith("config: f.yaml is not valid YAML");
    assertThatThrownBy(() -> TrainConfig.preset("nope"))
        .hasMessageStartingWith("config: unknown preset 'nope'; presets: arithmetic,");
  }

  @Test
  void taskPresetsAreTypedSectionsWithTheSameYamlRules() {
    TrainConfig reverse = TrainConfig.preset("reverse");
    assertThat(reverse.isTask()).isTrue();
    assertThat(reverse.task().name()).isEqualTo("reverse");
    assertThat(reverse.model().kind()).isEqualTo("encdec");
    assertThat(reverse.model().numHeads()).isEqualTo(2);
    assertThat(reverse.model().positions()).isEqualTo("sinusoidal");
    assertThat(reverse.training().beta2()).isEqualTo(0.98f);
    TrainConfig add = TrainConfig.preset("add");
    assertThat(add.model().numHeads()).isEqualTo(4);
    assertThat(add.task().padOperands()).isTrue();
    assertThat(add.task().reverseSum()).isTrue();
    TrainConfig c =
        reverse.with(List.of("task.max_length=6", "model.kind=gpt", "model.positions=learned"));
    assertThat(c.task().maxLength()).isEqualTo(6);
    assertThat(TrainConfig.parse(c.toYaml(), "x")).isEqualTo(c);
    assertThat(c.toYaml()).contains("task:\n  name: reverse");
    assertThat(TrainConfig.preset("shakespeare-char").toYaml()).doesNotContain("task:");
  }

  @Test
  void taskMistakesNameTheKeyAndTheAllowedValues() {
    TrainConfig reverse = TrainConfig.preset("reverse");
    assertThatThrownBy(() -> reverse.with(List.of("task.lenght=5")))
        .hasMessageStartingWith(
            "config: unknown key 'task.lenght'; allowed keys in task: name, symbols, min_length,");
    assertThatThrownBy(() -> reverse.with(List.of("task.name=rotate")))
        .hasMessage(
            "config: task.name must be one of copy, reverse, sort, add, duplicate, got 'rotate'");
    assertThatThrownBy(() -> reverse.with(List.of("model.kind=gpt")))
        .hasMessage("config: model.positions sinusoidal is for model.kind encdec, got kind gpt");
    assertThatThrownBy(
            () -> TrainConfig.preset("shakespeare-char").with(List.of("model.kind=encdec")))
        .hasMessage(
            "config: model.kind encdec trains on sequence tasks (data.kind: task), got data.kind"
                + " text");
    assertThatThrownBy(() -> reverse.with(List.of("training.time_limit=-1")))
        .hasMessage("config: training.time_limit must be >= 0 seconds (0 = none), got -1.0");
  }

  @Test
  void integersAreIntegersAndNumbersAreFinite() {
    assertThatThrownBy(() -> TrainConfig.parse("training:\n  steps: 5.7\n", "f.yaml"))
        .hasMessage("config: training.steps must be an integer, got 5.7");
    assertThatThrownBy(() -> TrainConfig.parse("training:\n  steps: 3000000000\n", "f.yaml"))
        .hasMessage(
            "config: training.steps must be an integer from -2147483648 to 2147483647, got"
                + " 3000000000");
    assertThatThrownBy(() -> TrainConfig.parse("training:\n  learning_rate: .inf\n", "f.yaml"))
        .hasMessage("config: training.learning_rate must be a finite number, got .inf");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.dropout=.nan")))
        .hasMessage("config: model.dropout must be a finite number, got .nan");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.eps=1e39")))
        .hasMessage("config: training.eps must be a finite number, got 1.0E39");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.bias=1")))
        .hasMessage("config: model.bias must be true or false, got 1");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.seed=")))
        .hasMessage("config: training.seed must be an integer, got null");
    // a whole number written as a float loses nothing and is taken
    assertThat(TrainConfig.parse("training:\n  steps: 1e3\n", "f.yaml").training().steps())
        .isEqualTo(1000);
    assertThat(TrainConfig.defaults("a").with(List.of("training.steps=20.0")).training().steps())
        .isEqualTo(20);
  }

  @Test
  void modelDimensionsAreCheckedWithTheConfigBeforeAnyData() {
    assertThatThrownBy(
            () -> TrainConfig.parse("model:\n  embed_dim: 130\n  num_heads: 4\n", "f.yaml"))
        .hasMessage(
            "config: model.embed_dim 130 must be divisible by model.num_heads 4 (each head gets"
                + " embed_dim / num_heads dimensions)");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.num_heads=0")))
        .hasMessage("config: model.num_heads must be positive, got 0");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.num_layers=-1")))
        .hasMessage("config: model.num_layers must be positive, got -1");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.dropout=1")))
        .hasMessage("config: model.dropout must be in [0, 1), got 1.0");
    assertThatThrownBy(
            () ->
                TrainConfig.defaults("a")
                    .with(List.of("model.kind=modern", "model.embed_dim=36", "model.num_heads=4")))
        .hasMessage(
            "config: model.kind modern (rotary positions) needs an even head size, got embed_dim"
                + " 36 / num_heads 4 = 9");
    assertThatThrownBy(
            () ->
                TrainConfig.defaults("a")
                    .with(List.of("model.kind=handwritten", "model.dropout=0.1")))
        .hasMessage(
            "config: model.dropout must be 0 for model.kind handwritten (dropout is on the"
                + " autograd models only), got 0.1");
  }

  @Test
  void valuesEchoedInMessagesStayOnOneLine() {
    assertThatThrownBy(() -> TrainConfig.parse("training:\n eps 5.7\n\n eps 5.\n", "f.yaml"))
        .hasMessage("config: training: expected a mapping of keys, got 'eps 5.7\\neps 5.'");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("training.steps\n\u00005.7")))
        .hasMessage(
            "--set: expected section.key=value, e.g. training.learning_rate=1e-3, got"
                + " 'training.steps\\n\\x{0}5.7'");
    assertThatThrownBy(() -> TrainConfig.defaults("a").with(List.of("model.kind=\"gp\\nt\"")))
        .hasMessage("config: model.kind must be gpt, modern, handwritten or encdec, got 'gp\\nt'");
  }
}
