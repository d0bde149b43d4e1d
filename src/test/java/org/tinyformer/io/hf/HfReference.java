package org.tinyformer.io.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.tinyformer.base.Rng;
import org.tinyformer.generation.GenerationOptions;
import org.tinyformer.generation.Generator;
import org.tinyformer.generation.GreedySampler;
import org.tinyformer.generation.TokenListener;
import org.tinyformer.models.LanguageModel;

/**
 * The PyTorch reference of a fixture directory written by scripts/golden/hf_reference.py: prompt
 * ids, logits (T, V) and the greedy continuation; helpers to compare a model against it.
 */
record HfReference(int[] ids, float[] logits, int[] greedy) {
  static final Path FIXTURES = Path.of("src/test/resources/hf");

  static HfReference of(String name) throws IOException {
    return parse(
        new ObjectMapper().readTree(FIXTURES.resolve(name).resolve("reference.json").toFile()));
  }

  static HfReference parse(JsonNode r) {
    return new HfReference(ints(r.get("ids")), floats(r.get("logits")), ints(r.get("greedy")));
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a == null ? 0 : a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }

  /** Logits (T, V) of the prompt by a full forward pass. */
  static float[] logits(LanguageModel model, int[] ids) {
    model.setTraining(false);
    return model.logits(ids, 1, ids.length);
  }

  /** Greedy continuation of {@code n} tokens through the generator (KV cache on). */
  static int[] greedy(LanguageModel model, int[] ids, int n) {
    return new Generator(model)
        .generate(ids, GenerationOptions.of(n), new GreedySampler(), new Rng(0), TokenListener.NONE)
        .tokens();
  }

  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }
}
