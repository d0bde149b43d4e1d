package org.tinyformer.visualization.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyformer.io.LoadedRun;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tokenizers.Tokenizer;
import org.tinyformer.training.TaskData;
import org.tinyformer.training.TrainConfig;
import org.tinyformer.visualization.AttentionMap;
import org.tinyformer.visualization.AttentionMaps;
import org.tinyformer.visualization.GptAttention;
import org.tinyformer.visualization.TaskAttention;

/**
 * The "inside a run" views on a run's last checkpoint: the attention of every head of one layer on
 * a prompt ({@link GptAttention}, the capture {@code tinyformer attention} draws), and the loss of
 * each token of a passage (by default the start of the run's held-out split).
 */
final class InsideRun {
  /** Prompts are cut to this many tokens (the last ones) so a grid of heads stays readable. */
  static final int MAX_ATTENTION_TOKENS = 64;

  /** The longest text a request may send, in characters. */
  static final int MAX_TEXT_CHARS = 4000;

  private InsideRun() {}

  /**
   * Every head of {@code layer} of one kind of attention on {@code prompt}: query and key tokens,
   * layer and head counts, weights (NH, Tq, Tk). A text run has causal self-attention ({@code
   * self}); a task run takes a task input (e.g. {@code 3 1 4}, greedy-decoded first, as {@code
   * tinyformer attention} does) and an encoder-decoder one offers {@code cross}, {@code encoder}
   * and {@code decoder}. An empty {@code kind} picks the first the run offers; a task run's empty
   * prompt, its first held-out example.
   */
  static Map<String, Object> attention(
      LoadedRun loaded, String runId, String prompt, String kind, int layer) {
    TrainConfig config = TrainConfig.parse(loaded.configYaml(), loaded.checkpoint().toString());
    AttentionMaps maps;
    String input;
    if (config.isTask()) {
      TaskData data = new TaskData(config.task(), config.model());
      if (prompt == null || prompt.isBlank()) { // the first held-out example
        prompt = data.splits().vocabulary().format(data.splits().heldOut().get(0).source());
      }
      checkText("attention", prompt);
      TaskAttention t = TaskAttention.of(loaded.model(), data, prompt);
      maps = t.maps();
      input = t.describe();
    } else {
      checkText("attention", prompt);
      String cropped = cropToTokens(loaded.tokenizer(), prompt, MAX_ATTENTION_TOKENS);
      maps = GptAttention.of(loaded.model(), loaded.tokenizer(), cropped, runId);
      input = cropped;
    }
    Map<String, AttentionKind> kinds = new LinkedHashMap<>();
    if (maps.has(AttentionKind.CROSS)) {
      kinds.put("cross", AttentionKind.CROSS);
      kinds.put("encoder", AttentionKind.ENCODER);
      kinds.put("decoder", AttentionKind.DECODER);
    } else {
      kinds.put("self", AttentionKind.DECODER);
    }
    String chosen = kind == null || kind.isEmpty() ? kinds.keySet().iterator().next() : kind;
    AttentionKind k = kinds.get(chosen);
    if (k == null) {
      throw new IllegalArgumentException(
          "attention: run "
              + runId
              + (maps.has(AttentionKind.CROSS)
                  ? " is an encoder-decoder"
                  : " is a decoder-only GPT with causal self-attention only")
              + "; kind must be one of "
              + String.join(", ", kinds.keySet())
              + ", got '"
              + chosen
              + "'");
    }
    int layers = maps.numLayers(k);
    if (layer < 0 || layer >= layers) {
      throw new IllegalArgumentException(
          "attention: layer must be between 0 and " + (layers - 1) + ", got " + layer);
    }
    List<float[][]> heads = new ArrayList<>();
    List<String> queries = List.of();
    List<String> keys = List.of();
    for (AttentionMap m : maps.headsOfLayer(k, layer)) {
      heads.add(m.weights()); // (Tq, Tk)
      queries = m.queryTokens();
      keys = m.keyTokens();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input", input);
    out.put("kinds", List.copyOf(kinds.keySet()));
    out.put("kind", chosen);
    out.put("layers", layers);
    out.put("heads", heads.size());
    out.put("layer", layer);
    out.put("tokens", queries); // rows; the columns are keyTokens (the same for self-attention)
    out.put("keyTokens", keys);
    out.put("weights", heads);
    return out;
  }

  /**
   * The cross-entropy of each token of {@code text} given the ones before it (the first token has
   * none), with the mean; the text is cut to the model's context plus one token.
   */
  static Map<String, Object> tokenLoss(LoadedRun loaded, String text) {
    checkText("token loss", text);
    Tokenizer tokenizer = loaded.tokenizer();
    int[] ids = tokenizer.encode(text);
    LanguageModel model = loaded.languageModel();
    int context = model.contextLength();
    ids = Arrays.copyOf(ids, Math.min(ids.length, context + 1));
    if (ids.length < 2) {
      throw new IllegalArgumentException("token loss: the passage needs at least 2 tokens");
    }
    int T = ids.length - 1;
    int V = model.vocabSize();
    model.setTraining(false);
    float[] logits = model.logits(Arrays.copyOf(ids, T), 1, T); // (1, T, V)
    List<String> tokens = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    tokens.add(tokenizer.decode(new int[] {ids[0]}));
    losses.add(null);
    double sum = 0;
    for (int t = 0; t < T; t++) {
      double loss = crossEntropy(logits, t * V, V, ids[t + 1]);
      tokens.add(tokenizer.decode(new int[] {ids[t + 1]}));
      losses.add(loss);
      sum += loss;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tokens", tokens);
    out.put("losses", losses);
    out.put("mean", sum / T);
    return out;
  }

  private static double crossEntropy(float[] logits, int offset, int V, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < V; v++) {
      max = Math.max(max, logits[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < V; v++) {
      sum += Math.exp(logits[offset + v] - max);
    }
    return Math.log(sum) + max - logits[offset + target];
  }

  /**
   * The default passage for per-token loss: the start of the held-out split (the last {@code
   * data.val_fraction} of the text file in the run's config), as many characters as the context
   * could hold at four per token.
   */
  static String validationPassage(RunEntry run, int contextLength) throws IOException {
    Map<String, Object> config = run.config();
    Object path = config.get("data.path");
    if (path == null || path.toString().endsWith(".bin")) {
      throw new IllegalArgumentException(
          "token loss: run " + run.id() + " has no text data file in its config; type a passage");
    }
    Path file = Path.of(path.toString());
    if (!file.isAbsolute() && !Files.isRegularFile(file)) {
      file = run.dir().resolve(path.toString()); // a path relative to the run directory
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "token loss: the run's data file " + path + " was not found; type a passage");
    }
    double valFraction =
        config.get("data.val_fraction") instanceof Number n ? n.doubleValue() : 0.1;
    String text = org.tinyformer.data.TextCorpus.read(file);
    int from = (int) Math.floor(text.length() * (1 - valFraction));
    return text.substring(from, Math.min(text.length(), from + 4 * contextLength));
  }

  static void checkText(String operation, String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(operation + ": the text is empty; type a prompt");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          operation
              + ": the text has "
              + text.length()
              + " characters, more than the limit of "
              + MAX_TEXT_CHARS);
    }
  }

  private static String cropToTokens(Tokenizer tokenizer, String text, int maxTokens) {
    int[] ids = tokenizer.encode(text);
    if (ids.length <= maxTokens) {
      return text;
    }
    return tokenizer.decode(Arrays.copyOfRange(ids, ids.length - maxTokens, ids.length));
  }
}
