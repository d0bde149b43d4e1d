package org.tinyformer.visualization;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.data.Batch;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.models.RecordedAttention;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.training.TaskData;

/**
 * The attention of a trained task run on one input: greedy-decodes the output, then replays input
 * and output teacher-forced to record every attention's weights, labelled by token. An
 * encoder-decoder shows encoder, decoder and cross-attention; a decoder-only GPT its causal
 * self-attention over {@code START source SEP output}.
 */
public record TaskAttention(
    String task, int[] input, int[] output, TaskVocabulary vocab, AttentionMaps maps) {

  /** Decodes {@code text} (space-separated tokens) with {@code model} and records attention. */
  public static TaskAttention of(TrainableModel model, TaskData data, String text) {
    TaskVocabulary vocab = data.splits().vocabulary();
    String task = data.task().name();
    int[] source = data.splits().generator().canonical(vocab.parse(text));
    model.setTraining(false);
    int[] output =
        model
            .complete(data.prompts(List.of(source)), data.maxOutputLength(), TaskVocabulary.END)[0];
    Batch b = data.batch(List.of(new TaskExample(source, output)));
    RecordedAttention recorded = model.recordAttention(b);
    int[] decoderOut = b.targetRow(0).clone(); // the target, END last
    AttentionMaps maps =
        b.hasSource()
            ? new AttentionMaps(
                task,
                recorded,
                0,
                labels(vocab, b.sourceRow(0)),
                labels(vocab, b.inputRow(0)),
                labels(vocab, decoderOut))
            : AttentionMaps.decoderOnly(task, recorded, 0, labels(vocab, b.inputRow(0)));
    return new TaskAttention(task, source, output, vocab, maps);
  }

  /** E.g. {@code reverse: 5 7 9 2 -> 2 9 7 5}. */
  public String describe() {
    return task + ": " + vocab.format(input) + " -> " + vocab.format(output);
  }

  static List<String> labels(TaskVocabulary vocab, int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(vocab.label(id));
    }
    return out;
  }
}
