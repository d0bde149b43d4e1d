package org.tinyformer.models.handwritten;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.tensor.Tensor;

/**
 * The parameters of the hand-written GPT, one field per kind and one array slot per layer (llm.c's
 * {@code ParameterTensors}, without pointer arithmetic). Keys and layouts are those of {@code
 * models.gpt.Gpt}, and so is the drawing order of the initialisation: the same seed gives the same
 * weights in both models. Biases are null when the config has none.
 */
final class GptWeights {
  final Tensor wte; // (V, C), also the output head
  final Tensor wpe; // (maxT, C)
  final Tensor[] ln1w, ln1b; // (C) per layer
  final Tensor[] qkvw, qkvb; // (3C, C), (3C)
  final Tensor[] attprojw, attprojb; // (C, C), (C)
  final Tensor[] ln2w, ln2b; // (C)
  final Tensor[] fcw, fcb; // (4C, C), (4C)
  final Tensor[] fcprojw, fcprojb; // (C, 4C), (C)
  final Tensor lnfw, lnfb; // (C)
  private final Map<String, Tensor> byName = new LinkedHashMap<>();

  GptWeights(GptConfig config, Rng rng) {
    int V = config.vocabSize(), C = config.embedDim(), L = config.numLayers();
    int H = config.mlpHiddenDim();
    boolean bias = config.bias();
    float projStd = (float) (0.02 / Math.sqrt(2.0 * L));
    rng.fork(); // Gpt forks its dropout generator first; keep the same draw order
    wte = add("wte.weight", Tensor.randn(rng, 0.02f, V, C));
    wpe = add("wpe.weight", Tensor.randn(rng, 0.02f, config.contextLength(), C));
    ln1w = new Tensor[L];
    ln1b = new Tensor[L];
    qkvw = new Tensor[L];
    qkvb = new Tensor[L];
    attprojw = new Tensor[L];
    attprojb = new Tensor[L];
    ln2w = new Tensor[L];
    ln2b = new Tensor[L];
    fcw = new Tensor[L];
    fcb = new Tensor[L];
    fcprojw = new Tensor[L];
    fcprojb = new Tensor[L];
    for (int l = 0; l < L; l++) {
      String p = "blocks." + l + ".";
      ln1w[l] = add(p + "ln1.weight", Tensor.ones(C));
      ln1b[l] = bias ? add(p + "ln1.bias", Tensor.zeros(C)) : null;
      qkvw[l] = add(p + "attn.qkv.weight", Tensor.randn(rng, 0.02f, 3 * C, C));
      qkvb[l] = bias ? add(p + "attn.qkv.bias", Tensor.zeros(3 * C)) : null;
      attprojw[l] = add(p + "attn.proj.weight", Tensor.randn(rng, projStd, C, C));
      attprojb[l] = bias ? add(p + "attn.proj.bias", Tensor.zeros(C)) : null;
      ln2w[l] = add(p + "ln2.weight", Tensor.ones(C));
      ln2b[l] = bias ? add(p + "ln2.bias", Tensor.zeros(C)) : null;
      fcw[l] = add(p + "mlp.fc.weight", Tensor.randn(rng, 0.02f, H, C));
      fcb[l] = bias ? add(p + "mlp.fc.bias", Tensor.zeros(H)) : null;
      fcprojw[l] = add(p + "mlp.proj.weight", Tensor.randn(rng, projStd, C, H));
      fcprojb[l] = bias ? add(p + "mlp.proj.bias", Tensor.zeros(C)) : null;
    }
    lnfw = add("lnf.weight", Tensor.ones(C));
    lnfb = bias ? add("lnf.bias", Tensor.zeros(C)) : null;
    for (Tensor t : byName.values()) {
      t.requiresGrad(true);
    }
  }

  private Tensor add(String name, Tensor t) {
    byName.put(name, t);
    return t;
  }

  /** All parameters by key, in the order of {@code Gpt.namedParameters()}. */
  Map<String, Tensor> byName() {
    return byName;
  }

  /** The weights' values (never null). */
  static float[] data(Tensor t) {
    return t == null ? null : t.data();
  }
}
