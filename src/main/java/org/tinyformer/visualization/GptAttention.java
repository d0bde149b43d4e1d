package org.tinyformer.visualization;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.data.Batch;
import org.tinyformer.models.AttentionKind;
import org.tinyformer.models.TrainableModel;
import org.tinyformer.tokenizers.Tokenizer;

/**
 * The causal self-attention of a GPT on a text prompt, labelled by token, as {@link AttentionMaps}
 * of kind {@link AttentionKind#DECODER}: {@code GptAttention.of(model, tokenizer, "To be", "gpt")}.
 */
public final class GptAttention {
  private GptAttention() {}

  /** Runs the prompt (cropped to the context from the left) and collects every layer's weights. */
  public static AttentionMaps of(
      TrainableModel model, Tokenizer tokenizer, String prompt, String name) {
    int[] ids = tokenizer.encode(prompt);
    if (ids.length == 0) {
      throw new IllegalArgumentException("attention: the prompt has no tokens");
    }
    int context = model.contextLength();
    if (ids.length > context) {
      ids = java.util.Arrays.copyOfRange(ids, ids.length - context, ids.length);
    }
    int T = ids.length;
    var recorded = model.recordAttention(new Batch(ids, new int[T], 1, T)); // (1, T)
    List<String> labels = new ArrayList<>(T);
    for (int id : ids) {
      labels.add(label(tokenizer.decode(new int[] {id})));
    }
    return AttentionMaps.decoderOnly(name, recorded, 0, labels);
  }

  /** A token as an axis label: whitespace made visible. */
  static String label(String token) {
    return token.replace(" ", "·").replace("\n", "\\n").replace("\t", "\\t");
  }
}
