package org.tinyformer.models.encdec;

import java.util.Arrays;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Checks;
import org.tinyformer.data.Batch;
import org.tinyformer.tensor.Tensor;

/**
 * Greedy decoding for the encoder-decoder: encode the source once (the encoder cache, including the
 * cross-attention keys and values), then append the most likely token to each row's decoder prompt
 * (START) until every row has produced {@code endId} or {@code maxNew} tokens. Usage: {@code
 * int[][] out = new GreedyDecoder(model, end).decode(prompts, 20);}
 */
public final class GreedyDecoder {
  private final EncoderDecoder model;
  private final int endId;

  public GreedyDecoder(EncoderDecoder model, int endId) {
    this.model = model;
    this.endId = endId;
  }

  /**
   * The generated tokens of each row of {@code prompts} (source (B, S), decoder prompt (B, P)),
   * without the prompt and without the end that stopped it.
   */
  public int[][] decode(Batch prompts, int maxNew) {
    Checks.check(maxNew > 0, "greedy decode: maxNew must be positive, got %d", maxNew);
    Checks.check(prompts.hasSource(), "greedy decode: the encoder-decoder needs a source batch");
    int B = prompts.batchSize();
    int P = prompts.length();
    int width = P + maxNew;
    int V = model.config().vocabSize();
    int[] prefix = new int[B * width]; // (B, width)
    for (int b = 0; b < B; b++) {
      System.arraycopy(prompts.inputs(), b * P, prefix, b * width, P);
    }
    int[] lengths = new int[B];
    boolean[] done = new boolean[B];
    int open = B;
    try (var scope = GradMode.noGrad()) {
      EncoderMemory memory = model.encode(prompts.source(), B, prompts.sourceLength());
      for (int t = P; t < width && open > 0; t++) {
        int[] in = window(prefix, B, width, t); // (B, t)
        Tensor logits = model.decode(in, B, t, memory); // (B, t, V)
        float[] data = logits.data();
        for (int b = 0; b < B; b++) {
          int next = argmax(data, ((b * t) + t - 1) * V, V);
          prefix[b * width + t] = next;
          if (!done[b]) {
            done[b] = next == endId;
            lengths[b] += done[b] ? 0 : 1;
            open -= done[b] ? 1 : 0;
          }
        }
      }
    }
    int[][] out = new int[B][];
    for (int b = 0; b < B; b++) {
      out[b] = Arrays.copyOfRange(prefix, b * width + P, b * width + P + lengths[b]);
    }
    return out;
  }

  /** The first t tokens of each row of a (B, width) buffer, as (B, t). */
  private static int[] window(int[] buffer, int B, int width, int t) {
    int[] in = new int[B * t];
    for (int b = 0; b < B; b++) {
      System.arraycopy(buffer, b * width, in, b * t, t);
    }
    return in;
  }

  static int argmax(float[] data, int offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (data[offset + i] > data[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
