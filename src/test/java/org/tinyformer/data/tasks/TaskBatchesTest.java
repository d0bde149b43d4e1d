package org.tinyformer.data.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyformer.data.Batch;
import org.tinyformer.data.BatchSource;
import org.tinyformer.data.Padding;

class TaskBatchesTest {
  static final int I = Padding.IGNORE_INDEX;
  final TaskVocabulary v = new TaskVocabulary(TaskConfig.defaults(TaskKind.REVERSE));
  final TaskExample shortOne = new TaskExample(v.parse("1 2"), v.parse("2 1"));
  final TaskExample longOne = new TaskExample(v.parse("3 4 5"), v.parse("5 4 3"));

  @Test
  void seq2seqBatchesPadSourceAndShiftTheDecoder() {
    Seq2SeqBatch b = TaskBatches.seq2seq(List.of(shortOne, longOne));
    assertThat(b.sourceLength()).isEqualTo(3);
    assertThat(b.targetLength()).isEqualTo(4);
    assertThat(v.format(b.sourceRow(0))).isEqualTo("1 2 <pad>");
    assertThat(b.decoderInput()).containsExactly(1, 6, 5, 0, 1, 9, 8, 7);
    assertThat(b.decoderTarget()).containsExactly(6, 5, 2, I, 9, 8, 7, 2);
  }

  @Test
  void seq2seqBatchesCanEndEverySourceWithEnd() {
    Seq2SeqBatch b = TaskBatches.seq2seq(List.of(shortOne, longOne), true);
    assertThat(b.sourceLength()).isEqualTo(4);
    assertThat(v.format(b.sourceRow(0))).isEqualTo("1 2 </s> <pad>");
    assertThat(v.format(b.sourceRow(1))).isEqualTo("3 4 5 </s>");
    assertThat(b.decoderTarget()).containsExactly(6, 5, 2, I, 9, 8, 7, 2);
    assertThat(v.format(TaskBatches.encoderInput(shortOne.source(), false))).isEqualTo("1 2");
  }

  @Test
  void decoderOnlyLayoutPutsSourceAndTargetInOneSequence() {
    assertThat(v.format(TaskBatches.decoderOnlySequence(longOne)))
        .isEqualTo("<s> 3 4 5 | 5 4 3 </s>");
    assertThat(v.format(TaskBatches.decoderOnlyPrompt(longOne.source()))).isEqualTo("<s> 3 4 5 |");
    Batch b = TaskBatches.decoderOnly(List.of(shortOne, longOne));
    assertThat(b.length()).isEqualTo(8);
    assertThat(v.format(b.inputRow(0))).isEqualTo("<s> 1 2 | 2 1 <pad> <pad>");
    assertThat(b.targetRow(0)).containsExactly(I, I, I, 6, 5, 2, I, I);
    assertThat(b.targetRow(1)).containsExactly(I, I, I, I, 9, 8, 7, 2);
  }

  @Test
  void trainingSourcesAreRestorable() {
    TaskSplits splits = new TaskSplits(TaskConfig.defaults(TaskKind.SORT));
    BatchSource gpt = TaskBatches.decoderOnly(splits, 8, 3);
    long[] s = gpt.state();
    Batch first = gpt.next();
    gpt.restore(s);
    assertThat(gpt.next().inputs()).containsExactly(first.inputs());
    TaskBatches.Seq2SeqSource encdec = TaskBatches.seq2seq(splits, 8, 3);
    long[] t = encdec.state();
    Seq2SeqBatch a = encdec.next();
    encdec.restore(t);
    assertThat(encdec.next().source()).containsExactly(a.source());
  }
}
