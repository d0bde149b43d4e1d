package org.tinyformer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinyformer.tokenizers.CharTokenizer;

class TrainValSplitTest {
  @Test
  void splitsTinyShakespeareWhereNanoGptDoes() throws Exception {
    String text = TextCorpus.read(Path.of("../shared/data/tinyshakespeare.txt"));
    CharTokenizer tok = CharTokenizer.fit(text);
    TrainValSplit split = TrainValSplit.of(TokenStream.of(tok.encode(text)));
    assertThat(split.train().size()).isEqualTo(1_003_854);
    assertThat(split.val().size()).isEqualTo(111_540);
    assertThat(split.val().get(0)).isEqualTo(tok.encode(text.substring(1_003_854, 1_003_855))[0]);
  }

  @Test
  void slicesReadThroughToTheBase() {
    TokenStream s = TokenStream.of(new int[] {0, 1, 2, 3, 4, 5}).slice(1, 5).slice(1, 3);
    assertThat(s.size()).isEqualTo(2);
    int[] out = new int[2];
    s.read(0, out, 0, 2);
    assertThat(out).containsExactly(2, 3);
    assertThatThrownBy(() -> s.get(2)).hasMessage("token stream: index 2 is outside [0, 2)");
  }

  @Test
  void rejectsFractionsOutsideTheOpenInterval() {
    assertThatThrownBy(() -> TrainValSplit.of(TokenStream.of(new int[10]), 1.0))
        .hasMessage("train/val split: trainFraction must be in (0, 1), got 1.0");
  }
}
