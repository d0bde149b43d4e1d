package org.tinyformer.generation;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinyformer.base.Rng;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * The logic of the interactive chat, independent of the terminal: each input line is either a
 * command ({@code /temp 0.8}, {@code /topk 40}, {@code /topp 0.9}, {@code /seed 1}, {@code /max
 * 200}, {@code /probs on}, {@code /stop \n}, {@code /help}, {@code /quit}) or a prompt that the
 * model continues, streamed token by token until a stop string, the end-of-text token, the token
 * limit or {@link #interrupt()} (Ctrl-C). A line that is exactly a command and its value is a
 * command without the slash too ({@code temp 0.5}, {@code quit}), as in the seed's chat; a leading
 * backslash sends the rest as a prompt ({@code \quit}, {@code \/temp}), and so does a doubled slash
 * ({@code //etc} is the prompt {@code /etc}).
 */
public final class ChatSession {
  private static final int ALTERNATIVES = 3;
  private static final List<String> QUIT = List.of("quit", "exit", "q");
  private static final Set<String> BARE_WORDS = Set.of("help", "settings", "quit", "exit", "q");
  private static final Set<String> BARE_VALUES = Set.of("temp", "topk", "topp", "seed", "max");

  private final LanguageModel model;
  private final Tokenizer tokenizer;
  private final Generator generator;
  private SamplingOptions sampling;
  private Rng rng;
  private long seed;
  private int maxTokens;
  private boolean showProbabilities;
  private List<String> stops;
  private final AtomicBoolean interrupted = new AtomicBoolean();

  public ChatSession(
      LanguageModel model,
      Tokenizer tokenizer,
      SamplingOptions sampling,
      long seed,
      int maxTokens) {
    this(model, tokenizer, sampling, seed, maxTokens, List.of());
  }

  /** A session whose replies end at the first of {@code stops} (none: at EOS or the limit). */
  public ChatSession(
      LanguageModel model,
      Tokenizer tokenizer,
      SamplingOptions sampling,
      long seed,
      int maxTokens,
      List<String> stops) {
    this.stops = new StopStrings(stops).strings(); // validates
    this.model = model;
    this.tokenizer = tokenizer;
    this.generator = new Generator(model);
    this.sampling = sampling;
    this.seed = seed;
    this.rng = new Rng(seed);
    this.maxTokens = maxTokens;
  }

  /** The help text listing the commands. */
  public static String help() {
    return String.join(
        "\n",
        "type a prompt and press Enter: the model continues it; Ctrl-C stops a reply. Commands:",
        "  /temp T      temperature (0 = greedy)",
        "  /topk K      keep the K most likely tokens (0 = off)",
        "  /topp P      nucleus sampling with mass P (1 = off)",
        "  /seed S      restart the random generator from seed S",
        "  /max N       generate at most N tokens per prompt",
        "  /probs on    show each token's probability and the top alternatives (off to hide)",
        "  /stop TEXT   end each reply where TEXT appears (\\n = newline; /stop off to clear)",
        "  /settings    show the current settings",
        "  /help        this help",
        "  /quit        leave (also /exit, /q or Ctrl-D)",
        "Without the slash too, when the line is just the command: temp 0.5, topk 40, quit.",
        "To send such a line as a prompt, start it with a backslash: \\quit, \\/temp 2.");
  }

  /** The current settings in one line. */
  public String settings() {
    return String.format(
        "%s, seed %d, max %d tokens, probabilities %s%s",
        sampling,
        seed,
        maxTokens,
        showProbabilities ? "on" : "off",
        stops.isEmpty() ? "" : ", stop at " + new StopStrings(stops).describe());
  }

  /**
   * Stops the reply being generated, if any, after its current token (Ctrl-C); safe to call from
   * another thread.
   */
  public void interrupt() {
    interrupted.set(true);
  }

  /** Handles one line of input; returns false when the user asked to quit. */
  public boolean handle(String line, PrintWriter out) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return true;
    }
    if (line.startsWith("\\")) {
      generate(line.substring(1), out);
      return true;
    }
    if (trimmed.startsWith("//")) {
      generate(trimmed.substring(1), out);
      return true;
    }
    String[] words = trimmed.split("\\s+");
    if (!trimmed.startsWith("/") && !isBareCommand(words)) {
      generate(line, out);
      return true;
    }
    String command = words[0].toLowerCase(Locale.ROOT).replaceFirst("^/", "");
    if (QUIT.contains(command)) {
      return false;
    }
    try {
      out.println(command(command, words, trimmed));
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
    }
    out.flush();
    return true;
  }

  /**
   * A line without the slash is a command only when it is exactly one: {@code quit}, {@code help},
   * {@code settings}, or {@code temp|topk|topp|seed|max} with one number, {@code probs on|off}.
   */
  private static boolean isBareCommand(String[] words) {
    String word = words[0].toLowerCase(Locale.ROOT);
    if (words.length == 1) {
      return BARE_WORDS.contains(word);
    }
    if (words.length != 2) {
      return false;
    }
    if (word.equals("probs")) {
      return words[1].equalsIgnoreCase("on") || words[1].equalsIgnoreCase("off");
    }
    return BARE_VALUES.contains(word) && words[1].matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)");
  }

  private String command(String name, String[] words, String line) {
    String command = "/" + name;
    String arg = words.length > 1 ? words[1] : null;
    switch (command) {
      case "/help":
        return help();
      case "/settings":
        return settings();
      case "/temp":
        sampling = sampling.withTemperature(parseFloat(command, arg));
        return settings();
      case "/topk":
        sampling = sampling.withTopK(parseInt(command, arg));
        return settings();
      case "/topp":
        sampling = sampling.withTopP(parseFloat(command, arg));
        return settings();
      case "/seed":
        seed = parseInt(command, arg);
        rng = new Rng(seed);
        return settings();
      case "/max":
        int n = parseInt(command, arg);
        new GenerationOptions(n, -1, true); // validates
        maxTokens = n;
        return settings();
      case "/probs":
        showProbabilities = parseOnOff(command, arg);
        return settings();
      case "/stop":
        String text = line.substring(words[0].length()).strip();
        require(command, text.isEmpty() ? null : text);
        stops = text.equalsIgnoreCase("off") ? List.of() : List.of(StopStrings.unescape(text));
        return settings();
      default:
        throw new IllegalArgumentException("unknown command " + command + "; try /help");
    }
  }

  private void generate(String prompt, PrintWriter out) {
    int[] ids;
    try {
      ids = SpecialTokens.withBos(tokenizer, tokenizer.encode(prompt));
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.flush();
      return;
    }
    if (ids.length == 0) {
      ids = SpecialTokens.defaultPrompt(tokenizer);
    }
    var options = new GenerationOptions(maxTokens, SpecialTokens.eos(tokenizer), true);
    TextStream stream = new TextStream(tokenizer).prime(tokenizer.encode(prompt));
    StopStrings stop = new StopStrings(stops);
    interrupted.set(false);
    GenerationResult result =
        generator.generate(ids, options, sampling.sampler(), rng, listener(stream, stop, out));
    out.print(stop.stopped() || interrupted.get() ? "" : stop.flush());
    out.println();
    out.printf(
        Locale.ROOT,
        "[%d tokens, %.0f tokens/s%s]%n",
        result.tokens().length,
        result.tokensPerSecond(),
        ending(result.stopReason(), stop));
    out.flush();
  }

  private String ending(GenerationResult.StopReason reason, StopStrings stop) {
    switch (reason) {
      case EOS:
        return ", stopped at end of text";
      case STOPPED:
        return stop.stopped() ? ", stopped at " + stop.describe() : ", stopped by Ctrl-C";
      default:
        return "";
    }
  }

  private TokenListener listener(TextStream stream, StopStrings stop, PrintWriter out) {
    return new TokenListener() {
      @Override
      public void onToken(int id, float[] logits) {
        String text = stop.accept(stream.add(id));
        if (showProbabilities) {
          out.println(probabilityLine(id, TokenProbabilities.of(logits)));
        } else {
          out.print(text);
        }
        out.flush();
      }

      @Override
      public void onNotice(String message) {
        out.println("notice: " + message);
      }

      @Override
      public boolean stopRequested() {
        return stop.stopped() || interrupted.get();
      }
    };
  }

  /** {@code "e" 41.2% | " " 20.1% "a" 10.0% "o" 5.0%}: the token, then the top alternatives. */
  String probabilityLine(int id, TokenProbabilities p) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-8s %5.1f%%  |", quoted(id), 100 * p.probability(id)));
    int shown = 0;
    for (TokenProbabilities.Candidate c : p.top(ALTERNATIVES + 1)) {
      if (c.id() != id && shown++ < ALTERNATIVES) {
        sb.append(String.format(Locale.ROOT, "  %s %.1f%%", quoted(c.id()), 100 * c.probability()));
      }
    }
    return sb.toString();
  }

  private String quoted(int id) {
    return TokenDisplay.quoted(tokenizer, id);
  }

  /** The model this session samples from. */
  public LanguageModel model() {
    return model;
  }

  private static float parseFloat(String command, String arg) {
    try {
      return Float.parseFloat(require(command, arg));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(command + " expects a number, got '" + arg + "'");
    }
  }

  private static int parseInt(String command, String arg) {
    try {
      return Integer.parseInt(require(command, arg));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(command + " expects an integer, got '" + arg + "'");
    }
  }

  private static boolean parseOnOff(String command, String arg) {
    String v = require(command, arg).toLowerCase(Locale.ROOT);
    if (v.equals("on") || v.equals("off")) {
      return v.equals("on");
    }
    throw new IllegalArgumentException(command + " expects on or off, got '" + arg + "'");
  }

  private static String require(String command, String arg) {
    if (arg == null) {
      throw new IllegalArgumentException(command + " needs a value; try /help");
    }
    return arg;
  }
}
