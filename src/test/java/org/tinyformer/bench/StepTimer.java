package org.tinyformer.bench;

import java.util.Arrays;
import org.tinyformer.base.Rng;
import org.tinyformer.models.LanguageModel;
import org.tinyformer.models.gpt.Gpt;
import org.tinyformer.models.gpt.GptConfig;
import org.tinyformer.models.handwritten.HandwrittenGpt;
import org.tinyformer.optim.AdamW;

/**
 * Times one training step (zero grads, forward, backward, AdamW) of the autograd and the
 * hand-written GPT side by side, alternating, and prints medians. Not a test: run with {@code
 * scripts/bench/step-compare.sh} or from an IDE.
 */
public final class StepTimer {
  private StepTimer() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    time("4L/4H/128/ctx64/B12", GptConfig.gpt2(65, 64, 4, 4, 128, 0f), 12, reps);
    time("6L/6H/192/ctx128/B16", GptConfig.gpt2(65, 128, 6, 6, 192, 0f), 16, reps);
  }

  /** Median milliseconds per step of both models on one config; prints one line. */
  static void time(String label, GptConfig config, int B, int reps) {
    int T = config.contextLength();
    LanguageModel[] models = {new Gpt(config, new Rng(1)), new HandwrittenGpt(config, new Rng(1))};
    AdamW[] optimizers = new AdamW[2];
    for (int m = 0; m < 2; m++) {
      optimizers[m] = new AdamW(models[m].parameters(), 1e-3f, 0.9f, 0.99f, 1e-8f, 0.1f);
    }
    Rng rng = new Rng(2);
    int[] inputs = new int[B * T];
    int[] targets = new int[B * T];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = rng.nextInt(config.vocabSize());
      targets[i] = rng.nextInt(config.vocabSize());
    }
    double[][] ms = new double[2][reps];
    for (int r = -5; r < reps; r++) { // 5 warm-up rounds
      for (int m = 0; m < 2; m++) {
        long t0 = System.nanoTime();
        optimizers[m].zeroGrad();
        models[m].forwardBackward(inputs, targets, B, T);
        optimizers[m].step();
        if (r >= 0) {
          ms[m][r] = (System.nanoTime() - t0) / 1e6;
        }
      }
    }
    double autograd = median(ms[0]);
    double handwritten = median(ms[1]);
    System.out.printf(
        "%-22s autograd_ms %7.2f handwritten_ms %7.2f speedup %.2f%n",
        label, autograd, handwritten, autograd / handwritten);
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
