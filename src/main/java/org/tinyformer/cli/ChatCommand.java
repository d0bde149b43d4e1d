package org.tinyformer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.tinyformer.generation.ChatSession;
import org.tinyformer.generation.SamplingOptions;
import org.tinyformer.generation.StopStrings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinyformer chat --run D [--stop TEXT]}: an interactive JLine REPL; each line is a prompt
 * the model continues, or a command such as {@code /temp 0.8} (or {@code temp 0.8}), {@code /probs
 * on}, {@code /help}, {@code quit}. Ctrl-C during a reply stops that reply, not the chat.
 */
@Command(
    name = "chat",
    description =
        "Talk to a trained run: type a prompt, the model continues it; /help for commands.")
final class ChatCommand implements Callable<Integer> {
  static final String PROMPT = "you> ";

  @Spec CommandSpec spec;

  @Mixin RunOption run;

  @Mixin SamplingFlags flags = new SamplingFlags(0.8f, 200);

  @Option(
      names = "--stop",
      paramLabel = "TEXT",
      description =
          "End each reply where TEXT appears, e.g. --stop '\\n' for one line (\\n newline,"
              + " \\t tab; repeatable; /stop in the chat changes it).")
  List<String> stop = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    SamplingOptions sampling = flags.options();
    List<String> stops = stop.stream().map(StopStrings::unescape).toList();
    new StopStrings(stops); // validates before the (slower) load
    RunModel loaded = RunModel.load(run.dir);
    var session =
        new ChatSession(
            loaded.model(), loaded.tokenizer(), sampling, flags.seed, flags.maxTokens, stops);
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      // outside readLine (which handles Ctrl-C itself), Ctrl-C stops the reply being generated
      terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("tinyformer")
              // the line as typed: no '!' history expansion and no backslash removal, so the
              // chat's own escapes (\quit, \/temp 2) reach the session
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .build();
      PrintWriter out = terminal.writer();
      out.printf(
          "tinyformer chat: %s (%s model, %,d parameters)%n",
          loaded.checkpoint(), loaded.kind(), loaded.model().parameterCount());
      out.println(session.settings());
      out.println(
          "type a prompt and press Enter; Ctrl-C stops a reply; /help for commands, quit to leave");
      out.flush();
      repl(reader, session, out);
    }
    return 0;
  }

  /** Reads lines until quit or end of input; Ctrl-C at the prompt abandons the current line. */
  static void repl(LineReader reader, ChatSession session, PrintWriter out) {
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        return;
      }
      if (!session.handle(line, out)) {
        out.println("bye");
        out.flush();
        return;
      }
    }
  }
}
