package org.tinyformer.visualization;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.encdec.AttentionKind;
import org.tinyformer.models.encdec.AttentionRecorder;
import org.tinyformer.models.encdec.AttentionWeights;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * The causal self-attention of a GPT on a text prompt, labelled by token, as {@link AttentionMaps}
 * of kind {@link AttentionKind#DECODER}: {@code GptAttention.of(model, tokenizer, "To be", "gpt")}.
 */
public final class GptAttention {
  private GptAttention() {}

  /** Runs the prompt (cropped to the context from the left) and collects every layer's weights. */
  public static AttentionMaps of(
      LanguageModel model, Tokenizer tokenizer, String prompt, String name) {
    if (!(model instanceof Gpt gpt)) {
      throw new IllegalArgumentException(
          "attention: a "
              + model.getClass().getSimpleName()
              + " does not report attention weights");
    }
    int[] ids = tokenizer.encode(prompt);
    if (ids.length == 0) {
      throw new IllegalArgumentException("attention: the prompt has no tokens");
    }
    int context = model.config().contextLength();
    if (ids.length > context) {
      ids = java.util.Arrays.copyOfRange(ids, ids.length - context, ids.length);
    }
    int T = ids.length;
    int NH = model.config().numHeads();
    List<AttentionWeights> weights = new ArrayList<>();
    List<float[]> layers = gpt.attentionWeights(ids, 1, T);
    for (int l = 0; l < layers.size(); l++) {
      weights.add(new AttentionWeights(AttentionKind.DECODER, l, 1, NH, T, T, layers.get(l)));
    }
    List<String> labels = new ArrayList<>(T);
    for (int id : ids) {
      labels.add(label(tokenizer.decode(new int[] {id})));
    }
    return AttentionMaps.decoderOnly(name, AttentionRecorder.of(weights), 0, labels);
  }

  /** A token as an axis label: whitespace made visible. */
  static String label(String token) {
    return token.replace(" ", "·").replace("\n", "\\n").replace("\t", "\\t");
  }
}
