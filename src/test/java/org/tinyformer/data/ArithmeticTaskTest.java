package org.tinyformer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.tokenizers.CharTokenizer;

class ArithmeticTaskTest {
  final ArithmeticTask task = ArithmeticTask.standard();

  @Test
  void writesFixedWidthLinesWithTheSumReversed() {
    ArithmeticTask.Problem p = new ArithmeticTask.Problem(12, 456);
    assertThat(task.prompt(p)).isEqualTo("012+456=");
    assertThat(task.answer(p)).isEqualTo("8640");
    assertThat(task.line(p)).isEqualTo("012+456=8640\n").hasSize(task.lineLength());
    assertThat(task.parseAnswer("8640")).isEqualTo(468);
    assertThat(task.parseAnswer("864")).isEqualTo(-1);
    assertThat(ArithmeticTask.render(p)).isEqualTo("12+456=468");
    ArithmeticTask plain = new ArithmeticTask(3, 10, 1, false);
    assertThat(plain.line(new ArithmeticTask.Problem(999, 999))).isEqualTo("999+999=1998\n");
  }

  @Test
  void heldOutProblemsAreDistinctAndNeverSampledForTraining() {
    assertThat(task.heldOut()).hasSize(1000);
    assertThat(new HashSet<>(task.heldOut())).hasSize(1000);
    Rng rng = new Rng(3);
    for (int i = 0; i < 200_000; i++) {
      assertThat(task.isHeldOut(task.sample(rng))).isFalse();
    }
    String text = task.trainingText(20_000, 5);
    Set<String> heldOutLines = new HashSet<>();
    task.heldOut().forEach(p -> heldOutLines.add(task.line(p)));
    assertThat(text.lines().map(l -> l + "\n").filter(heldOutLines::contains)).isEmpty();
  }

  @Test
  void heldOutSetIsFixedBySeed() {
    assertThat(new ArithmeticTask(3, 1000, 1337, true).heldOut()).isEqualTo(task.heldOut());
    assertThat(new ArithmeticTask(3, 1000, 1, true).heldOut()).isNotEqualTo(task.heldOut());
  }

  @Test
  void samplerMasksThePromptAndKeepsTheAnswer() {
    CharTokenizer tok = ArithmeticTask.tokenizer();
    Batch batch = task.sampler(4, 9).next();
    assertThat(batch.length()).isEqualTo(12);
    for (int b = 0; b < 4; b++) {
      String line = tok.decode(batch.inputRow(b));
      assertThat(line).matches("\\d{3}\\+\\d{3}=\\d{4}");
      int[] y = batch.targetRow(b);
      for (int t = 0; t < 7; t++) {
        assertThat(y[t]).isEqualTo(Padding.IGNORE_INDEX);
      }
      int a = Integer.parseInt(line.substring(0, 3));
      int c = Integer.parseInt(line.substring(4, 7));
      int[] answer = new int[5];
      System.arraycopy(y, 7, answer, 0, 5);
      assertThat(tok.decode(answer))
          .isEqualTo(task.answer(new ArithmeticTask.Problem(a, c)) + "\n");
    }
    assertThat(batch.targetCount()).isEqualTo(4 * 5);
  }

  @Test
  void batchOfGivenProblemsKeepsTheirOrder() {
    Batch batch = task.batch(task.heldOut().subList(0, 3));
    CharTokenizer tok = ArithmeticTask.tokenizer();
    assertThat(tok.decode(batch.inputRow(2)) + "\n").isEqualTo(task.line(task.heldOut().get(2)));
    assertThat(batch.targetCount()).isEqualTo(3 * 5);
  }

  @Test
  void exactMatchCountsCompletionsUpToTheNewline() {
    List<ExactMatch.Case> cases = task.heldOutCases();
    ExactMatch.Result perfect =
        ExactMatch.evaluate(
            cases,
            prompt -> {
              int a = Integer.parseInt(prompt.substring(0, 3));
              int b = Integer.parseInt(prompt.substring(4, 7));
              return task.answer(new ArithmeticTask.Problem(a, b)) + "\n123+";
            });
    assertThat(perfect.accuracy()).isEqualTo(1.0);
    assertThat(perfect.summary()).isEqualTo("1000/1000 = 100.00%");
    ExactMatch.Result wrong = ExactMatch.evaluate(cases.subList(0, 3), prompt -> "0000");
    assertThat(wrong.correct()).isLessThanOrEqualTo(1);
    assertThat(wrong.misses().get(0).actual()).isEqualTo("0000");
  }
}
