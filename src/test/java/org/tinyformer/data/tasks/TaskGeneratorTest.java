package org.tinyformer.data.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.tokenizers.WordTokenizer;

class TaskGeneratorTest {
  private static TaskVocabulary vocab(TaskKind kind) {
    return new TaskVocabulary(TaskConfig.defaults(kind));
  }

  private static int[] target(TaskKind kind, String source) {
    return new TaskGenerator(TaskConfig.defaults(kind)).target(vocab(kind).parse(source));
  }

  @Test
  void targetsFollowEachTask() {
    assertThat(vocab(TaskKind.COPY).format(target(TaskKind.COPY, "5 7 9 2"))).isEqualTo("5 7 9 2");
    assertThat(vocab(TaskKind.REVERSE).format(target(TaskKind.REVERSE, "5 7 9 2")))
        .isEqualTo("2 9 7 5");
    assertThat(vocab(TaskKind.SORT).format(target(TaskKind.SORT, "5 7 2 9 2")))
        .isEqualTo("2 2 5 7 9");
    assertThat(vocab(TaskKind.DUPLICATE).format(target(TaskKind.DUPLICATE, "1 2 3")))
        .isEqualTo("1 2 3 1 2 3");
    assertThat(vocab(TaskKind.ADD).format(target(TaskKind.ADD, "0 9 9 + 4 5 6")))
        .isEqualTo("5 5 5 0");
  }

  @Test
  void additionCanWriteTheSumReversed() {
    TaskConfig c = new TaskConfig(TaskKind.ADD, 10, 1, 3, 3, 10, 1, true, false);
    TaskVocabulary v = new TaskVocabulary(c);
    assertThat(v.format(new TaskGenerator(c).target(v.parse("9 9 9 + 1")))).isEqualTo("0 0 0 1");
  }

  @Test
  void additionCanWriteThePlainSumOfUnpaddedOperands() {
    TaskConfig c = new TaskConfig(TaskKind.ADD, 10, 1, 3, 3, 10, 1, false, false);
    TaskVocabulary v = new TaskVocabulary(c);
    assertThat(v.format(new TaskGenerator(c).target(v.parse("9 9 + 4 5 6")))).isEqualTo("5 5 5");
  }

  @Test
  void paddedAdditionPutsEveryDigitAtAFixedPosition() {
    TaskConfig c = TaskConfig.defaults(TaskKind.ADD);
    TaskVocabulary v = new TaskVocabulary(c);
    TaskGenerator g = new TaskGenerator(c);
    Rng rng = new Rng(4);
    for (int i = 0; i < 200; i++) {
      TaskExample e = g.sample(rng, 1 + rng.nextInt(3));
      assertThat(v.format(e.source())).matches("\\d \\d \\d \\+ \\d \\d \\d");
      assertThat(e.target()).hasSize(4);
    }
    assertThat(v.format(g.canonical(v.parse("1 2 + 4 5 6")))).isEqualTo("0 1 2 + 4 5 6");
    assertThat(v.format(g.canonical(v.parse("1 2 3 4 + 5")))).isEqualTo("1 2 3 4 + 0 0 0 5");
    assertThat(v.format(g.target(v.parse("1 2 3 4 + 0 0 0 5")))).isEqualTo("9 3 2 1 0");
  }

  @Test
  void samplesHaveTheRequestedLengthAndSymbols() {
    TaskConfig c = new TaskConfig(TaskKind.REVERSE, 7, 3, 10, 12, 10, 1, false, false);
    TaskGenerator g = new TaskGenerator(c);
    Rng rng = new Rng(2);
    for (int i = 0; i < 100; i++) {
      TaskExample e = g.sample(rng, 6);
      assertThat(e.source()).hasSize(6);
      for (int id : e.source()) {
        assertThat(id).isBetween(TaskVocabulary.FIRST_SYMBOL, TaskVocabulary.FIRST_SYMBOL + 6);
      }
      assertThat(e.target()).containsExactly(g.target(e.source()));
    }
  }

  @Test
  void additionLengthCountsDigitsOfTheLongerOperand() {
    TaskConfig c = new TaskConfig(TaskKind.ADD, 10, 1, 3, 4, 500, 1337, false, false);
    TaskVocabulary v = new TaskVocabulary(c);
    TaskGenerator g = new TaskGenerator(c);
    Rng rng = new Rng(3);
    for (int i = 0; i < 200; i++) {
      String text = v.format(g.sample(rng, 3).source()).replace(" ", "");
      String[] ops = text.split("\\+");
      assertThat(Math.max(ops[0].length(), ops[1].length())).isEqualTo(3);
      for (String op : ops) {
        assertThat(op.length() == 1 || op.charAt(0) != '0').as(op).isTrue();
      }
      long sum = Long.parseLong(ops[0]) + Long.parseLong(ops[1]);
      assertThat(v.format(g.target(v.parse(text.replace("", " ").trim()))).replace(" ", ""))
          .isEqualTo(Long.toString(sum));
    }
  }

  @Test
  void vocabularyLabelsAndParsesSymbols() {
    TaskVocabulary add = vocab(TaskKind.ADD);
    assertThat(add.size()).isEqualTo(5 + 11);
    assertThat(add.format(new int[] {1, 6, add.plus(), 14, 4, 2, 0}))
        .isEqualTo("<bos> 1 + 9 | <eos> <pad>");
    WordTokenizer t = add.tokenizer();
    assertThat(t.vocabSize()).isEqualTo(add.size());
    assertThat(t.encode("<bos> 1 + 9 | <eos>")).containsExactly(1, 6, add.plus(), 14, 4, 2);
    assertThat(t.decode(new int[] {1, 6, add.plus(), 14, 4})).isEqualTo("<bos> 1 + 9 |");
    assertThatThrownBy(() -> vocab(TaskKind.COPY).parse("5 x"))
        .hasMessage("task input: 'x' in \"5 x\" is not a symbol of copy, expected 0..9");
    assertThat(TaskVocabulary.untilEnd(new int[] {5, 6, 2, 7})).containsExactly(5, 6);
  }

  @Test
  void rejectsBadConfigsNamingTheField() {
    assertThatThrownBy(() -> new TaskConfig(TaskKind.ADD, 12, 1, 3, 4, 10, 1, false, false))
        .hasMessage("task config: add uses the 10 digits, so vocabSize must be 10, got 12");
    assertThatThrownBy(() -> new TaskConfig(TaskKind.COPY, 10, 5, 3, 6, 10, 1, false, false))
        .hasMessage(
            "task config: expected 1 <= minLength <= maxLength, got minLength 5, maxLength 3");
    assertThatThrownBy(() -> TaskKind.parse("rotate"))
        .hasMessage(
            "task: unknown task 'rotate', expected one of copy, reverse, sort, add, duplicate");
    assertThat(TaskKind.parse("Reverse")).isEqualTo(TaskKind.REVERSE);
  }
}
