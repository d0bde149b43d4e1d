package org.tinyformer.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyformer.base.Rng;
import org.tinyformer.models.GptConfig;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.tensor.Tensor;

/**
 * A tiny language model for trainer tests that needs no nn layers: logits = table[token] + bias,
 * with a hand-written cross-entropy backward. Deterministic; a 2-D and a 1-D parameter, so weight
 * decay groups are exercised.
 */
final class BigramModel implements LanguageModel {
  private final GptConfig config;
  private final Tensor table; // (V, V)
  private final Tensor bias; // (V)
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();

  BigramModel(GptConfig config, Rng rng) {
    this(config, rng, 0);
  }

  /**
   * With {@code fillerRows} x 1024 extra weights that only weight decay touches: bulk, so that a
   * checkpoint takes long enough to be interrupted.
   */
  BigramModel(GptConfig config, Rng rng, int fillerRows) {
    this.config = config;
    int V = config.vocabSize();
    table = Tensor.randn(rng, 0.02f, V, V).requiresGrad(true);
    bias = Tensor.zeros(V).requiresGrad(true);
    parameters.put("table.weight", table);
    parameters.put("bias", bias);
    if (fillerRows > 0) {
      Tensor filler = Tensor.randn(rng, 0.02f, fillerRows, 1024).requiresGrad(true);
      filler.zeroGrad();
      parameters.put("filler.weight", filler);
    }
  }

  static GptConfig config(int vocabSize, int contextLength) {
    return GptConfig.gpt2(vocabSize, contextLength, 1, 1, 4, 0f);
  }

  /**
   * The filler rows a config encodes (its numLayers - 1, so a checkpoint rebuilds the same model).
   */
  static int fillerRows(GptConfig config) {
    return (config.numLayers() - 1) * 512;
  }

  @Override
  public GptConfig config() {
    return config;
  }

  @Override
  public Map<String, Tensor> parameters() {
    return parameters;
  }

  @Override
  public void setTraining(boolean training) {}

  @Override
  public float forwardBackward(int[] inputs, int[] targets, int B, int T) {
    return run(inputs, targets, B * T, true);
  }

  @Override
  public float loss(int[] inputs, int[] targets, int B, int T) {
    return run(inputs, targets, B * T, false);
  }

  @Override
  public float[] logits(int[] inputs, int B, int T) {
    int V = config.vocabSize();
    float[] out = new float[B * T * V]; // (B, T, V)
    for (int i = 0; i < B * T; i++) {
      row(inputs[i], out, i * V);
    }
    return out;
  }

  private void row(int token, float[] out, int offset) {
    int V = config.vocabSize();
    for (int v = 0; v < V; v++) {
      out[offset + v] = table.data()[token * V + v] + bias.data()[v];
    }
  }

  private float run(int[] inputs, int[] targets, int N, boolean backward) {
    int V = config.vocabSize();
    int count = 0;
    for (int t : targets) {
      count += t >= 0 ? 1 : 0;
    }
    if (backward && table.grad() == null) {
      table.zeroGrad();
      bias.zeroGrad();
    }
    double loss = 0;
    float[] p = new float[V];
    for (int i = 0; i < N; i++) {
      if (targets[i] < 0) {
        continue;
      }
      row(inputs[i], p, 0);
      float max = Float.NEGATIVE_INFINITY;
      for (float x : p) {
        max = Math.max(max, x);
      }
      double sum = 0;
      for (int v = 0; v < V; v++) {
        p[v] = (float) Math.exp(p[v] - max);
        sum += p[v];
      }
      loss -= Math.log(p[targets[i]] / sum);
      if (backward) {
        for (int v = 0; v < V; v++) {
          float d = (float) (p[v] / sum) - (v == targets[i] ? 1f : 0f); // forward was: softmax CE
          table.grad()[inputs[i] * V + v] += d / count;
          bias.grad()[v] += d / count;
        }
      }
    }
    return (float) (loss / count);
  }
}
