package org.tinyformer.generation;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.tinyformer.base.Rng;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * The logic of the interactive chat, independent of the terminal: each input line is either a
 * command ({@code /temp 0.8}, {@code /topk 40}, {@code /topp 0.9}, {@code /seed 1}, {@code /max
 * 200}, {@code /probs on}, {@code /help}, {@code /quit}) or a prompt that the model continues,
 * streamed token by token.
 */
public final class ChatSession {
  private static final int ALTERNATIVES = 3;

  private final LanguageModel model;
  private final Tokenizer tokenizer;
  private final Generator generator;
  private SamplingOptions sampling;
  private Rng rng;
  private long seed;
  private int maxTokens;
  private boolean showProbabilities;

  public ChatSession(
      LanguageModel model,
      Tokenizer tokenizer,
      SamplingOptions sampling,
      long seed,
      int maxTokens) {
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
        "type a prompt and press Enter: the model continues it. Commands:",
        "  /temp T      temperature (0 = greedy)",
        "  /topk K      keep the K most likely tokens (0 = off)",
        "  /topp P      nucleus sampling with mass P (1 = off)",
        "  /seed S      restart the random generator from seed S",
        "  /max N       generate at most N tokens per prompt",
        "  /probs on    show each token's probability and the top alternatives (off to hide)",
        "  /settings    show the current settings",
        "  /help        this help",
        "  /quit        leave (also /exit or Ctrl-D)");
  }

  /** The current settings in one line. */
  public String settings() {
    return String.format(
        "%s, seed %d, max %d tokens, probabilities %s",
        sampling, seed, maxTokens, showProbabilities ? "on" : "off");
  }

  /** Handles one line of input; returns false when the user asked to quit. */
  public boolean handle(String line, PrintWriter out) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return true;
    }
    if (!trimmed.startsWith("/")) {
      generate(line, out);
      return true;
    }
    String[] words = trimmed.split("\\s+");
    String command = words[0].toLowerCase(Locale.ROOT);
    if (List.of("/quit", "/exit", "/q").contains(command)) {
      return false;
    }
    try {
      out.println(command(command, words));
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
    }
    out.flush();
    return true;
  }

  private String command(String command, String[] words) {
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
      default:
        throw new IllegalArgumentException("unknown command " + command + "; try /help");
    }
  }

  private void generate(String prompt, PrintWriter out) {
    int[] ids;
    try {
      ids = tokenizer.encode(prompt);
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.flush();
      return;
    }
    if (ids.length == 0) {
      ids = SpecialTokens.defaultPrompt(tokenizer);
    }
    var options = new GenerationOptions(maxTokens, SpecialTokens.eos(tokenizer), true);
    TextStream stream = new TextStream(tokenizer);
    GenerationResult result =
        generator.generate(ids, options, sampling.sampler(), rng, listener(stream, out));
    out.println();
    out.printf(
        Locale.ROOT,
        "[%d tokens, %.0f tokens/s%s]%n",
        result.tokens().length,
        result.tokensPerSecond(),
        result.stopReason() == GenerationResult.StopReason.EOS ? ", stopped at end of text" : "");
    out.flush();
  }

  private TokenListener listener(TextStream stream, PrintWriter out) {
    return new TokenListener() {
      @Override
      public void onToken(int id, float[] logits) {
        String text = stream.add(id);
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
