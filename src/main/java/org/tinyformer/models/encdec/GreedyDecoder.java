package org.tinyformer.models.encdec;

import java.util.Arrays;
import org.tinyformer.autograd.GradMode;
import org.tinyformer.base.Checks;
import org.tinyformer.tensor.Tensor;

/**
 * Greedy decoding for the encoder-decoder: encode the source once (the encoder cache, including the
 * cross-attention keys and values), then append the most likely token until every row has produced
 * END or {@code maxLength} tokens. Usage: {@code int[][] out = new GreedyDecoder(model, start,
 * end).decode(source, B, S, 20);}
 */
public final class GreedyDecoder {
  private final EncoderDecoder model;
  private final int startId;
  private final int endId;

  public GreedyDecoder(EncoderDecoder model, int startId, int endId) {
    this.model = model;
    this.startId = startId;
    this.endId = endId;
  }

  /** The generated tokens of each row, without START and without the END that stopped it. */
  public int[][] decode(int[] source, int B, int S, int maxLength) {
    Checks.check(maxLength > 0, "greedy decode: maxLength must be positive, got %d", maxLength);
    int V = model.config().vocabSize();
    int[] prefix = new int[B * (maxLength + 1)];
    int[] lengths = new int[B];
    boolean[] done = new boolean[B];
    try (var scope = GradMode.noGrad()) {
      EncoderMemory memory = model.encode(source, B, S);
      for (int b = 0; b < B; b++) {
        prefix[b * (maxLength + 1)] = startId;
      }
      for (int t = 1; t <= maxLength && !allDone(done); t++) {
        int[] in = window(prefix, B, maxLength + 1, t);
        Tensor logits = model.decode(in, B, t, memory); // (B, t, V)
        float[] data = logits.data();
        for (int b = 0; b < B; b++) {
          int next = argmax(data, ((b * t) + t - 1) * V, V);
          prefix[b * (maxLength + 1) + t] = next;
          if (!done[b]) {
            if (next == endId) {
              done[b] = true;
            } else {
              lengths[b]++;
            }
          }
        }
      }
    }
    int[][] out = new int[B][];
    for (int b = 0; b < B; b++) {
      out[b] =
          Arrays.copyOfRange(prefix, b * (maxLength + 1) + 1, b * (maxLength + 1) + 1 + lengths[b]);
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

  private static boolean allDone(boolean[] done) {
    for (boolean d : done) {
      if (!d) {
        return false;
      }
    }
    return true;
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
