package org.tinyformer.training.task;

import org.tinyformer.base.Rng;
import org.tinyformer.data.tasks.TaskConfig;
import org.tinyformer.data.tasks.TaskKind;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.models.encdec.EncDecConfig;
import org.tinyformer.models.encdec.EncoderDecoder;

/** Builds the model a task config asks for ({@code model.kind}: encdec or gpt). */
public final class TaskModels {
  private TaskModels() {}

  /** The longest source or target of any split (training or evaluation). */
  static int longestSequence(TaskConfig task) {
    int n = task.generalisationMaxLength();
    return switch (task.kind()) {
      case DUPLICATE -> 2 * n;
      case ADD -> 2 * n + 1;
      default -> n;
    };
  }

  /** Longest target of any split, the greedy decoding budget. */
  static int longestTarget(TaskConfig task) {
    int n = task.generalisationMaxLength();
    return task.kind() == TaskKind.DUPLICATE ? 2 * n : task.kind() == TaskKind.ADD ? n + 1 : n;
  }

  public static Seq2SeqModel create(TaskRunConfig config, Rng rng) {
    String kind = config.text("model.kind");
    return switch (kind) {
      case "encdec" ->
          new EncDecTaskModel(
              new EncoderDecoder(encDecConfig(config), rng), config.flag("model.source_end"));
      case "gpt" -> GptTaskModel.create(config, rng);
      default ->
          throw new IllegalArgumentException(
              "task config: model.kind must be one of encdec, gpt, got '" + kind + "'");
    };
  }

  public static EncDecConfig encDecConfig(TaskRunConfig config) {
    TaskConfig task = config.taskConfig();
    return new EncDecConfig(
        new TaskVocabulary(task).size(),
        longestSequence(task) + 2, // START or END added
        config.integer("model.num_layers"),
        config.integer("model.num_heads"),
        config.integer("model.embed_dim"),
        (float) config.number("model.dropout"),
        EncDecConfig.Positions.parse(config.text("model.positions")),
        TaskVocabulary.PAD);
  }
}
