package org.tinyformer.models;

import java.util.Arrays;
import java.util.Optional;
import org.tinyformer.base.Checks;
import org.tinyformer.data.Batch;

/**
 * A decoder-only language model (the autograd {@code Gpt}, the hand-written one): next-token logits
 * over a {@link GptConfig} architecture, what generators and evaluators need besides the trainer's
 * {@link TrainableModel}. Token ids are int[] of B rows of T, row-major.
 */
public interface LanguageModel extends TrainableModel {
  /** The architecture; all variants share {@link GptConfig}. */
  @Override
  GptConfig config();

  /**
   * Forward and backward on one batch: accumulates into the parameters' gradients and returns the
   * mean cross-entropy over the targets that are not -1.
   */
  float forwardBackward(int[] inputs, int[] targets, int B, int T);

  /** Mean cross-entropy on one batch, without gradients (targets of -1 are ignored). */
  float loss(int[] inputs, int[] targets, int B, int T);

  /** Logits (B, T, V) flattened, without gradients. */
  float[] logits(int[] inputs, int B, int T);

  @Override
  default int vocabSize() {
    return config().vocabSize();
  }

  @Override
  default int contextLength() {
    return config().contextLength();
  }

  @Override
  default float forwardBackward(Batch b) {
    checkNoSource(b);
    return forwardBackward(b.inputs(), b.targets(), b.batchSize(), b.length());
  }

  @Override
  default float loss(Batch b) {
    checkNoSource(b);
    return loss(b.inputs(), b.targets(), b.batchSize(), b.length());
  }

  /** Greedy continuation of equal-length prompts, the whole sequence recomputed per token. */
  @Override
  default int[][] complete(Batch prompts, int maxNew, int endId) {
    checkNoSource(prompts);
    int B = prompts.batchSize();
    int P = prompts.length();
    int width = P + Math.min(maxNew, contextLength() - P);
    int V = vocabSize();
    int[] seq = new int[B * width]; // (B, width)
    for (int b = 0; b < B; b++) {
      System.arraycopy(prompts.inputs(), b * P, seq, b * width, P);
    }
    int[] length = new int[B];
    boolean[] done = new boolean[B];
    int open = B;
    for (int t = P; t < width && open > 0; t++) {
      int[] in = new int[B * t]; // (B, t)
      for (int b = 0; b < B; b++) {
        System.arraycopy(seq, b * width, in, b * t, t);
      }
      float[] logits = logits(in, B, t); // (B, t, V)
      for (int b = 0; b < B; b++) {
        int next = argmax(logits, ((long) b * t + t - 1) * V, V);
        seq[b * width + t] = next;
        if (!done[b]) {
          done[b] = next == endId;
          length[b] += done[b] ? 0 : 1;
          open -= done[b] ? 1 : 0;
        }
      }
    }
    int[][] out = new int[B][];
    for (int b = 0; b < B; b++) {
      out[b] = Arrays.copyOfRange(seq, b * width + P, b * width + P + length[b]);
    }
    return out;
  }

  @Override
  default Optional<LanguageModel> languageModel() {
    return Optional.of(this);
  }

  private static void checkNoSource(Batch b) {
    Checks.check(
        !b.hasSource(),
        "language model: a decoder-only model reads no encoder source, got a batch with one");
  }

  /** The index of the largest of {@code x[offset .. offset + n)}. */
  private static int argmax(float[] x, long offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (x[(int) offset + i] > x[(int) offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
