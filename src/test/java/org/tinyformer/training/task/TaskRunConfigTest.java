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
  void defaultsGiveAlignmentTasksWiderHeadsAndAdditionAFixedLayout() {
    TaskRunConfig reverse = TaskRunConfig.defaults("reverse");
    assertThat(reverse.number("training.learning_rate")).isEqualTo(1e-3);
    assertThat(reverse.number("training.min_lr")).isEqualTo(1e-4);
    assertThat(reverse.number("training.target_exact")).isZero();
    assertThat(reverse.integer("model.num_heads")).isEqualTo(2);
    assertThat(reverse.flag("task.pad_operands")).isFalse();
    TaskRunConfig add = TaskRunConfig.defaults("add");
    assertThat(add.integer("model.num_heads")).isEqualTo(4);
    assertThat(add.flag("task.pad_operands")).isTrue();
    assertThat(add.flag("task.reverse_sum")).isTrue();
    assertThat(add.taskConfig().padOperands()).isTrue();
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
