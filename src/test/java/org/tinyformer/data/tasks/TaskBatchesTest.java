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
    Batch b = TaskBatches.seq2seq(List.of(shortOne, longOne));
    assertThat(b.sourceLength()).isEqualTo(3);
    assertThat(b.length()).isEqualTo(4);
    assertThat(v.format(b.sourceRow(0))).isEqualTo("1 2 <pad>");
    assertThat(v.format(b.inputs())).isEqualTo("<bos> 2 1 <pad> <bos> 5 4 3");
    assertThat(b.targets()).containsExactly(7, 6, 2, I, 10, 9, 8, 2);
  }

  @Test
  void seq2seqBatchesCanEndEverySourceWithEnd() {
    Batch b = TaskBatches.seq2seq(List.of(shortOne, longOne), true);
    assertThat(b.sourceLength()).isEqualTo(4);
    assertThat(v.format(b.sourceRow(0))).isEqualTo("1 2 <eos> <pad>");
    assertThat(v.format(b.sourceRow(1))).isEqualTo("3 4 5 <eos>");
    assertThat(b.targets()).containsExactly(7, 6, 2, I, 10, 9, 8, 2);
    assertThat(v.format(TaskBatches.encoderInput(shortOne.source(), false))).isEqualTo("1 2");
  }

  @Test
  void decoderOnlyLayoutPutsSourceAndTargetInOneSequence() {
    assertThat(v.format(TaskBatches.decoderOnlySequence(longOne)))
        .isEqualTo("<bos> 3 4 5 | 5 4 3 <eos>");
    assertThat(v.format(TaskBatches.decoderOnlyPrompt(longOne.source())))
        .isEqualTo("<bos> 3 4 5 |");
    Batch b = TaskBatches.decoderOnly(List.of(shortOne, longOne));
    assertThat(b.length()).isEqualTo(8);
    assertThat(v.format(b.inputRow(0))).isEqualTo("<bos> 1 2 | 2 1 <pad> <pad>");
    assertThat(b.targetRow(0)).containsExactly(I, I, I, 7, 6, 2, I, I);
    assertThat(b.targetRow(1)).containsExactly(I, I, I, I, 10, 9, 8, 2);
  }

  @Test
  void trainingSourcesAreRestorable() {
    TaskSplits splits = new TaskSplits(TaskConfig.defaults(TaskKind.SORT));
    BatchSource gpt = TaskBatches.training(splits, 8, 3, false, false);
    long[] s = gpt.state();
    Batch first = gpt.next();
    gpt.restore(s);
    assertThat(gpt.next().inputs()).containsExactly(first.inputs());
    BatchSource encdec = TaskBatches.training(splits, 8, 3, true, false);
    long[] t = encdec.state();
    Batch a = encdec.next();
    encdec.restore(t);
    assertThat(encdec.next().source()).containsExactly(a.source());
  }

  @Test
  void promptsStartTheDecoderOrContinueTheSequence() {
    Batch encdec = TaskBatches.prompts(List.of(shortOne.source(), longOne.source()), true, true);
    assertThat(v.format(encdec.inputs())).isEqualTo("<bos> <bos>");
    assertThat(v.format(encdec.sourceRow(0))).isEqualTo("1 2 <eos> <pad>");
    Batch gpt = TaskBatches.prompts(List.of(longOne.source()), false, false);
    assertThat(v.format(gpt.inputRow(0))).isEqualTo("<bos> 3 4 5 |");
    assertThat(gpt.hasSource()).isFalse();
  }
}
