package org.tinyformer.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {
  @Test
  void printsEverythingBeforeTheStopString() {
    var stops = new StopStrings(List.of("\n"));
    assertThat(stops.accept("9750")).isEqualTo("9750");
    assertThat(stops.stopped()).isFalse();
    assertThat(stops.accept("\n123")).isEmpty();
    assertThat(stops.stopped()).isTrue();
    assertThat(stops.accept("more")).isEmpty();
  }

  @Test
  void holdsBackAPossibleStartOfAStopStringAcrossPieces() {
    var stops = new StopStrings(List.of("###"));
    assertThat(stops.accept("ab#")).isEqualTo("ab");
    assertThat(stops.accept("#")).isEmpty();
    assertThat(stops.accept("c")).isEqualTo("##c");
    assertThat(stops.accept("#")).isEmpty();
    assertThat(stops.accept("##tail")).isEmpty();
    assertThat(stops.stopped()).isTrue();
  }

  @Test
  void theEarliestOfSeveralStopStringsWins() {
    var stops = new StopStrings(List.of("world", "lo"));
    assertThat(stops.accept("hello world")).isEqualTo("hel");
  }

  @Test
  void flushReturnsTheHeldBackEnd() {
    var stops = new StopStrings(List.of("END"));
    assertThat(stops.accept("the EN")).isEqualTo("the ");
    assertThat(stops.flush()).isEqualTo("EN");
  }

  @Test
  void noStopStringsPassEverything() {
    var stops = StopStrings.none();
    assertThat(stops.accept("a\nb")).isEqualTo("a\nb");
    assertThat(stops.describe()).isEqualTo("off");
  }

  @Test
  void unescapesWhatUsersType() {
    assertThat(StopStrings.unescape("\\n")).isEqualTo("\n");
    assertThat(StopStrings.unescape("a\\tb\\\\c\\q")).isEqualTo("a\tb\\c\\q");
    assertThat(new StopStrings(List.of("\n", "x\"")).describe()).isEqualTo("\"\\n\", \"x\"\"");
  }

  @Test
  void rejectsAnEmptyStopString() {
    assertThatThrownBy(() -> new StopStrings(List.of("")))
        .hasMessage("stop strings: a stop string is empty; give at least a character");
  }
}
