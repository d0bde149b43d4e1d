package org.tinyformer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyformer.base.Rng;
import org.tinyformer.io.Checkpoint;
import org.tinyformer.io.TrainingState;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.CharTokenizer;

/**
 * {@code tinyformer chat} end to end in a pseudo-terminal: tmux runs the real CLI on a saved
 * checkpoint, the test types with {@code send-keys} (Ctrl-C included, a real SIGINT to the child
 * process) and reads the screen with {@code capture-pane}.
 */
class ChatCommandTmuxTest {
  private static final String SOCKET = "tinyformer-test-" + ProcessHandle.current().pid();
  private static final String SESSION = "chat";
  private static final long TIMEOUT_MS = 60_000;

  @AfterEach
  void killServer() throws Exception {
    tmux("kill-server");
  }

  @Test
  void chatReplTakesCommandsAndStreamsReplies(@TempDir Path dir) throws Exception {
    CharTokenizer tokenizer = CharTokenizer.fit("hello world, to be or not to be\n");
    Gpt gpt = new Gpt(GptConfig.gpt2(tokenizer.vocabSize(), 32, 1, 2, 16, 0f), new Rng(1));
    Path checkpoint = dir.resolve("checkpoint");
    Checkpoint.save(
        checkpoint,
        new Checkpoint.Contents("gpt", gpt, tokenizer, null, TrainingState.initial("adamw"), ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            java,
            "--add-modules jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "chat --run",
            checkpoint.toString(),
            "--max-tokens 8;",
            "echo chat-exited-$?; sleep 60");
    assertThat(tmux("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "50", command))
        .as("tmux must be installed (.ci/run installs it)")
        .isZero();

    String banner = waitForScreen(s -> s.contains("you> "));
    assertThat(banner).contains("tinyformer chat:").contains("/help");

    type("/temp 0.5");
    assertThat(waitForScreen(s -> s.contains("temperature 0.5,"))).contains("seed 1337");
    type("/probs on");
    waitForScreen(s -> s.contains("probabilities on"));
    type("hello");
    String reply = waitForScreen(s -> s.contains("[8 tokens"));
    long probabilityLines =
        reply.lines().filter(l -> l.matches("\".*\" +\\d+\\.\\d%  \\|.*")).count();
    assertThat(probabilityLines).isEqualTo(8);
    type("/topk nine");
    waitForScreen(s -> s.contains("error: /topk expects an integer, got 'nine'"));

    // the seed's bare commands, and Ctrl-C stopping one reply but not the chat
    type("temp 1.5");
    waitForScreen(s -> s.contains("temperature 1.5,"));
    type("probs off");
    waitForScreen(s -> s.contains("probabilities off"));
    type("max 200000");
    waitForScreen(s -> s.contains("max 200000 tokens"));
    type("to be");
    waitForScreen(s -> afterLast(s, "you> to be").replace("\n", "").length() > 300);
    tmux("send-keys", "-t", SESSION, "C-c");
    String stopped = waitForScreen(s -> s.contains("stopped by Ctrl-C]"));
    assertThat(stopped).matches("(?s).*\\[\\d+ tokens, \\d+ tokens/s, stopped by Ctrl-C\\].*");
    waitForScreen(s -> afterLast(s, "stopped by Ctrl-C]").contains("you> "));
    // typed lines reach the session as typed: "\\quit" is the prompt "quit" (the tokenizer has no
    // 'q', which proves it was a prompt), and "!!" is not expanded from the history
    type("\\quit");
    waitForScreen(s -> s.contains("character 'q' at position 0"));
    type("!!");
    waitForScreen(s -> s.contains("character '!' at position 0"));
    type("quit");
    assertThat(waitForScreen(s -> s.contains("chat-exited-")))
        .contains("bye")
        .contains("chat-exited-0");
  }

  private static String afterLast(String screen, String marker) {
    int at = screen.lastIndexOf(marker);
    return at < 0 ? "" : screen.substring(at + marker.length());
  }

  private void type(String text) throws Exception {
    tmux("send-keys", "-t", SESSION, "-l", text);
    tmux("send-keys", "-t", SESSION, "Enter");
  }

  private String waitForScreen(Predicate<String> ready) throws Exception {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    String screen = "";
    while (System.currentTimeMillis() < deadline) {
      screen = capture();
      if (ready.test(screen)) {
        return screen;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for the chat; the screen was:\n" + screen);
  }

  private String capture() throws Exception {
    Process p =
        new ProcessBuilder(
                "tmux", "-L", SOCKET, "capture-pane", "-p", "-J", "-S", "-200", "-t", SESSION)
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text;
  }

  private static int tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
