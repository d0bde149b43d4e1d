package org.tinyformer.training.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRunConfigTest {
  @Test
  void overridesAreTypedAndSurviveAYamlRoundTrip() {
    TaskRunConfig c =
        TaskRunConfig.defaults("reverse")
            .with(List.of("training.steps=500", "training.learning_rate=1e-3", "model.kind=gpt"));
    assertThat(c.integer("training.steps")).isEqualTo(500);
    assertThat(c.number("training.learning_rate")).isEqualTo(1e-3);
    TaskRunConfig back = TaskRunConfig.parseYaml(c.toYaml());
    assertThat(back.toYaml()).isEqualTo(c.toYaml());
    assertThat(back.text("task.name")).isEqualTo("reverse");
    assertThat(back.text("model.kind")).isEqualTo("gpt");
  }

  @Test
  void unknownKeyNamesTheAllowedKeys() {
    assertThatThrownBy(() -> TaskRunConfig.defaults("copy").with(List.of("training.stepz=5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "task config: unknown key 'training.stepz'; allowed keys: task.name,");
  }

  @Test
  void wrongTypeIsRejected() {
    assertThatThrownBy(() -> TaskRunConfig.defaults("copy").with(List.of("training.steps=lots")))
        .hasMessage("task config: training.steps must be an integer, got 'lots'");
    assertThatThrownBy(() -> TaskRunConfig.defaults("copy").with(List.of("steps")))
        .hasMessage("task config: expected section.key=value, got 'steps'");
  }
}
