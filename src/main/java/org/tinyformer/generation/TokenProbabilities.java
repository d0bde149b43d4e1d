package org.tinyformer.generation;

import java.util.ArrayList;
import java.util.List;
import org.tinyformer.base.Checks;

/**
 * The model's next-token distribution, softmax(logits), and its most likely candidates: what {@code
 * predict} tabulates and what {@code chat}'s {@code /probs on} shows beside each token.
 */
public final class TokenProbabilities {
  /** One candidate token and its probability. */
  public record Candidate(int id, float probability) {}

  private final float[] probabilities; // (V)

  private TokenProbabilities(float[] probabilities) {
    this.probabilities = probabilities;
  }

  /** softmax(logits), computed stably (max subtracted, sums in double). */
  public static TokenProbabilities of(float[] logits) {
    Checks.check(logits.length > 0, "token probabilities: logits are empty");
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    float[] p = new float[logits.length];
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = (float) Math.exp(logits[i] - max);
      total += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (p[i] / total);
    }
    return new TokenProbabilities(p);
  }

  /** The probability of {@code id}. */
  public float probability(int id) {
    return probabilities[id];
  }

  /** Vocabulary size. */
  public int size() {
    return probabilities.length;
  }

  /** The {@code n} most likely tokens, most likely first (lower id first on ties). */
  public List<Candidate> top(int n) {
    int count = Math.min(n, probabilities.length);
    List<Candidate> best = new ArrayList<>(count);
    boolean[] taken = new boolean[probabilities.length];
    for (int r = 0; r < count; r++) {
      int arg = -1;
      for (int i = 0; i < probabilities.length; i++) {
        if (!taken[i] && (arg < 0 || probabilities[i] > probabilities[arg])) {
          arg = i;
        }
      }
      taken[arg] = true;
      best.add(new Candidate(arg, probabilities[arg]));
    }
    return best;
  }
}
