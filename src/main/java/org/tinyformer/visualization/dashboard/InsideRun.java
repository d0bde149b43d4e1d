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
import org.tinyformer.visualization.AttentionMap;
import org.tinyformer.visualization.AttentionMaps;
import org.tinyformer.visualization.GptAttention;

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

  /** Every head of {@code layer} on {@code prompt}: tokens, layer and head counts, (NH, T, T). */
  static Map<String, Object> attention(
      LoadedRun loaded, String runId, String prompt, String kind, int layer) {
    checkText("attention", prompt);
    if (!kind.equals("self")) {
      throw new IllegalArgumentException(
          "attention: run "
              + runId
              + " is a decoder-only GPT with causal self-attention only; kind must be self, got '"
              + kind
              + "'");
    }
    String cropped = cropToTokens(loaded.tokenizer(), prompt, MAX_ATTENTION_TOKENS);
    AttentionMaps maps = GptAttention.of(loaded.model(), loaded.tokenizer(), cropped, runId);
    int layers = maps.numLayers(AttentionKind.DECODER);
    if (layer < 0 || layer >= layers) {
      throw new IllegalArgumentException(
          "attention: layer must be between 0 and " + (layers - 1) + ", got " + layer);
    }
    List<float[][]> heads = new ArrayList<>();
    List<String> tokens = List.of();
    for (AttentionMap m : maps.headsOfLayer(AttentionKind.DECODER, layer)) {
      heads.add(m.weights());
      tokens = m.queryTokens();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kinds", List.of("self"));
    out.put("kind", "self");
    out.put("layers", layers);
    out.put("heads", heads.size());
    out.put("layer", layer);
    out.put("tokens", tokens);
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
