package org.tinyformer.visualization;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.models.encdec.AttentionRecorder;
import org.tinyformer.models.encdec.EncoderDecoder;
import org.tinyformer.training.task.EncDecTaskModel;
import org.tinyformer.training.task.TaskRun;

/**
 * The attention of a trained encoder-decoder task run on one input: greedy-decodes the output, then
 * replays input and output teacher-forced to record every attention's weights, labelled by token.
 */
public record TaskAttention(
    String task, int[] input, int[] output, TaskVocabulary vocab, AttentionMaps maps) {

  /** Decodes {@code text} (space-separated tokens) with the run's model and records attention. */
  public static TaskAttention of(TaskRun run, String text) {
    if (!(run.model() instanceof EncDecTaskModel encdec)) {
      throw new IllegalArgumentException(
          "attention: "
              + run.run().root()
              + " is a "
              + run.model().kind()
              + " task run; attention maps of task runs need model.kind=encdec");
    }
    TaskVocabulary vocab = run.vocabulary();
    int[] source = run.splits().generator().canonical(vocab.parse(text));
    int[] output = encdec.predict(List.of(source), run.maxOutputLength())[0];
    int[] encoderIn = encdec.encoderInput(source); // the source, END last if the model reads one
    int S = encoderIn.length;
    int T = output.length + 1;
    int[] decoderIn = new int[T];
    decoderIn[0] = TaskVocabulary.START;
    System.arraycopy(output, 0, decoderIn, 1, output.length);
    int[] decoderOut = java.util.Arrays.copyOf(output, T);
    decoderOut[T - 1] = TaskVocabulary.END;
    EncoderDecoder model = encdec.model();
    AttentionRecorder recorder = model.recordAttention(encoderIn, decoderIn, 1, S, T);
    AttentionMaps maps =
        new AttentionMaps(
            run.taskName(),
            recorder,
            0,
            labels(vocab, encoderIn),
            labels(vocab, decoderIn),
            labels(vocab, decoderOut));
    return new TaskAttention(run.taskName(), source, output, vocab, maps);
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
