package org.tinyformer.training.task;

import java.util.List;
import java.util.Map;
import org.tinyformer.data.tasks.Seq2SeqBatch;
import org.tinyformer.data.tasks.TaskBatches;
import org.tinyformer.data.tasks.TaskExample;
import org.tinyformer.data.tasks.TaskVocabulary;
import org.tinyformer.models.encdec.EncoderDecoder;
import org.tinyformer.models.encdec.GreedyDecoder;
import org.tinyformer.tensor.Tensor;

/** The encoder-decoder on a sequence task: teacher forcing for training, greedy decoding after. */
public final class EncDecTaskModel implements Seq2SeqModel {
  private final EncoderDecoder model;
  private final boolean sourceEnd;

  /** {@code sourceEnd}: the encoder reads every source followed by END. */
  public EncDecTaskModel(EncoderDecoder model, boolean sourceEnd) {
    this.model = model;
    this.sourceEnd = sourceEnd;
  }

  /** What the encoder reads for {@code source}: the source, then END when the model uses it. */
  public int[] encoderInput(int[] source) {
    return TaskBatches.encoderInput(source, sourceEnd);
  }

  /** {@code examples} laid out for this model (teacher forcing). */
  public Seq2SeqBatch batch(List<TaskExample> examples) {
    return TaskBatches.seq2seq(examples, sourceEnd);
  }

  public EncoderDecoder model() {
    return model;
  }

  @Override
  public String kind() {
    return "encdec";
  }

  @Override
  public Map<String, Tensor> parameters() {
    return model.namedParameters();
  }

  @Override
  public void setTraining(boolean training) {
    model.train(training);
  }

  @Override
  public float forwardBackward(List<TaskExample> examples) {
    Seq2SeqBatch b = batch(examples);
    return model.forwardBackward(
        b.source(),
        b.decoderInput(),
        b.decoderTarget(),
        b.batchSize(),
        b.sourceLength(),
        b.targetLength());
  }

  @Override
  public float loss(List<TaskExample> examples) {
    Seq2SeqBatch b = batch(examples);
    return model.loss(
        b.source(),
        b.decoderInput(),
        b.decoderTarget(),
        b.batchSize(),
        b.sourceLength(),
        b.targetLength());
  }

  @Override
  public int[][] predict(List<int[]> sources, int maxLength) {
    List<int[]> inputs = sources.stream().map(this::encoderInput).toList();
    int S = inputs.stream().mapToInt(s -> s.length).max().orElse(1);
    int B = inputs.size();
    int[] source = new int[B * S]; // (B, S), PAD = 0
    for (int b = 0; b < B; b++) {
      System.arraycopy(inputs.get(b), 0, source, b * S, inputs.get(b).length);
    }
    return new GreedyDecoder(model, TaskVocabulary.START, TaskVocabulary.END)
        .decode(source, B, S, maxLength);
  }
}
