package org.tinyformer.io.hf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.tinyformer.models.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * One Hugging Face architecture's names and layouts against our GPT's: the config both ways and the
 * weights both ways. {@link Gpt2Layout} for our GPT, {@link LlamaLayout} for the modern model.
 */
sealed interface HfLayout permits Gpt2Layout, LlamaLayout {
  /** The {@code architectures} entry of config.json, e.g. {@code GPT2LMHeadModel}. */
  String architecture();

  /** Our model kind for this layout ({@code gpt} or {@code modern}). */
  String modelKind();

  /** Our config for a checkpoint's config.json; refuses what our model cannot compute exactly. */
  GptConfig config(HfDirectory d);

  /** The checkpoint's weights under our parameter names, in our layouts. */
  Map<String, float[]> toTinyformer(HfDirectory d, GptConfig config);

  /** config.json for a model of {@code config}; {@code endOfText} is the eos id or -1. */
  ObjectNode hfConfig(GptConfig config, int endOfText);

  /** Our parameters under Hugging Face names, in Hugging Face layouts. */
  Map<String, Tensor> toHf(Map<String, Tensor> params, GptConfig config);

  /** The layout of the architecture {@code name}, or an error naming the supported ones. */
  static HfLayout of(String name, Object where) {
    return switch (name) {
      case Gpt2Layout.ARCHITECTURE -> new Gpt2Layout();
      case LlamaLayout.ARCHITECTURE -> new LlamaLayout();
      default ->
          throw new IllegalArgumentException(
              "hf import: "
                  + where
                  + " has architecture "
                  + name
                  + "; supported: "
                  + Gpt2Layout.ARCHITECTURE
                  + ", "
                  + LlamaLayout.ARCHITECTURE);
    };
  }
}
