package org.tinyformer.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;

class ChatSessionTest {
  private final Gpt gpt = new Gpt(GptConfig.gpt2(33, 32, 1, 2, 16, 0f), new Rng(1));
  private final ChatSession session =
      new ChatSession(gpt, new LetterTokenizer(), new SamplingOptions(0.8f, 0, 1f), 7, 10);
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text, true);

  private String handle(String line) {
    text.getBuffer().setLength(0);
    assertThat(session.handle(line, out)).isTrue();
    return text.toString();
  }

  @Test
  void commandsChangeTheSettings() {
    assertThat(handle("/temp 0.5")).contains("temperature 0.5");
    assertThat(handle("/topk 40")).contains("top-k 40");
    assertThat(handle("/topp 0.9")).contains("top-p 0.9");
    assertThat(handle("/seed 3")).contains("seed 3");
    assertThat(handle("/max 5")).contains("max 5 tokens");
    assertThat(handle("/probs on")).contains("probabilities on");
    assertThat(session.settings())
        .isEqualTo("temperature 0.5, top-k 40, top-p 0.9, seed 3, max 5 tokens, probabilities on");
  }

  @Test
  void badCommandsPrintAnErrorAndKeepGoing() {
    assertThat(handle("/temp hot")).isEqualTo("error: /temp expects a number, got 'hot'\n");
    assertThat(handle("/temp -1"))
        .isEqualTo("error: sampling: temperature must be >= 0 (0 = greedy), got -1.0\n");
    assertThat(handle("/topk")).isEqualTo("error: /topk needs a value; try /help\n");
    assertThat(handle("/probs maybe")).isEqualTo("error: /probs expects on or off, got 'maybe'\n");
    assertThat(handle("/bogus")).isEqualTo("error: unknown command /bogus; try /help\n");
  }

  @Test
  void aPromptIsContinuedAndSummarised() {
    String reply = handle("hello");
    assertThat(reply).matches("(?s).*\\n\\[\\d+ tokens, \\d+ tokens/s.*\\]\\n");
  }

  @Test
  void sameSeedSameReply() {
    handle("/seed 11");
    String first = handle("to be");
    handle("/seed 11");
    assertThat(handle("to be").replaceAll("\\d+ tokens/s", ""))
        .isEqualTo(first.replaceAll("\\d+ tokens/s", ""));
  }

  @Test
  void probabilitiesShowOneLinePerTokenWithAlternatives() {
    handle("/probs on");
    handle("/max 3");
    String reply = handle("abc");
    String[] lines = reply.split("\n");
    assertThat(lines).hasSize(1 + 3 + 1); // blank line after the tokens, then the summary
    for (int i = 0; i < 3; i++) {
      assertThat(lines[i]).matches("\".*\" +\\d+\\.\\d%  \\|(  \".*\" \\d+\\.\\d%){3}");
    }
  }

  @Test
  void unseenCharactersAreAnErrorNotACrash() {
    assertThat(handle("HELLO")).startsWith("error: char tokenizer: character 'H' at position 0");
  }

  @Test
  void quitEndsTheSession() {
    assertThat(session.handle("/quit", out)).isFalse();
    assertThat(session.handle("/exit", out)).isFalse();
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(handle("/help"))
        .contains("/temp", "/topk", "/topp", "/seed", "/max", "/probs", "/stop", "/help", "/quit");
  }

  @Test
  void bareCommandsWorkAsTheSlashForms() {
    assertThat(handle("temp 0.5")).contains("temperature 0.5");
    assertThat(handle("TOPK 40")).contains("top-k 40");
    assertThat(handle("probs on")).contains("probabilities on");
    assertThat(handle("settings")).isEqualTo(session.settings() + "\n");
    assertThat(session.handle("quit", out)).isFalse();
    assertThat(session.handle("exit", out)).isFalse();
    assertThat(session.handle("q", out)).isFalse();
    assertThat(session.handle("/q", out)).isFalse();
  }

  @Test
  void linesThatOnlyLookLikeCommandsArePrompts() {
    assertThat(handle("temp is high")).contains(" tokens/s");
    assertThat(handle("quit it")).contains(" tokens/s");
    assertThat(session.settings()).startsWith("temperature 0.8,");
  }

  @Test
  void aBackslashOrADoubledSlashSendsTheLineAsAPrompt() {
    assertThat(handle("\\quit")).contains(" tokens/s");
    // the prompt is "/temp 2": the letter tokenizer has no '/', which proves it was a prompt
    assertThat(handle("\\/temp 2"))
        .startsWith("error: char tokenizer: character '/' at position 0");
    assertThat(handle("//temp 2")).startsWith("error: char tokenizer: character '/' at position 0");
    assertThat(session.settings()).startsWith("temperature 0.8,");
  }

  @Test
  void aStopStringEndsTheReplyBeforeIt() {
    handle("/temp 0");
    handle("/max 30");
    String free = generated(handle("abc"));
    assertThat(free).hasSize(30);
    String stop = free.substring(10, 12);
    String expected = free.substring(0, free.indexOf(stop));
    handle("/stop " + stop.replace("\n", "\\n"));
    assertThat(session.settings()).contains(", stop at \"");
    String reply = handle("abc");
    assertThat(generated(reply)).isEqualTo(expected);
    assertThat(reply).contains(", stopped at \"");
    handle("/stop off");
    assertThat(generated(handle("abc"))).isEqualTo(free);
  }

  @Test
  void stopNeedsText() {
    assertThat(handle("/stop")).isEqualTo("error: /stop needs a value; try /help\n");
  }

  /** The reply's text: everything before the summary line. */
  private static String generated(String reply) {
    return reply.substring(0, reply.lastIndexOf("\n[")).replaceFirst("\n$", "");
  }

  @Test
  void aHugeMaxIsRefusedAndTheSessionGoesOn() {
    assertThat(handle("/max 2147483647"))
        .isEqualTo("error: generation: max tokens must be in 0..1,000,000, got 2,147,483,647\n");
    assertThat(handle("/max 5")).contains("max 5 tokens");
  }
}
