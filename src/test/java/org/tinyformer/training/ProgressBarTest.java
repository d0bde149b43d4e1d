package org.tinyformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void printsPlainLinesWhenNotATerminal() {
    StringWriter s = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(s), false, 100);
    bar.update(10, 2.5f, 12345, 75);
    bar.message("eval");
    assertThat(s.toString())
        .isEqualTo(
            "step 10/100  loss 2.5000  12.3k tok/s  eta 1m15s\neval\n"
                .replace("\n", System.lineSeparator()));
  }

  @Test
  void redrawsInPlaceOnATerminal() {
    StringWriter s = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(s), true, 4);
    bar.update(2, 1f, 10, 3700);
    bar.finish();
    assertThat(s.toString())
        .startsWith("\r[############............] step 2/4")
        .contains("eta 1h01m");
  }
}
